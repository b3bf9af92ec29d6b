import { ruleDocUrl } from '../docs';
import { ALL_CODES } from '../registry';
import type { Finding, Severity } from '../types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A SARIF 2.1.0 log with one run: every rule described once, every finding as a result with a 1-based region. */
export function formatSarif(findings: readonly Finding[], fileName: (uri: string) => string, version: string): string {
  const rules = ALL_CODES.map((r) => ({
    id: r.code,
    name: r.name,
    shortDescription: { text: r.summary },
    helpUri: ruleDocUrl(r.code),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { category: r.category },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileName(f.uri) },
          region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
        },
        ...(f.resource ? { logicalLocations: [{ name: f.resource.name, kind: 'object', fullyQualifiedName: `${f.resource.namespace ?? 'default'}/${f.resource.kind}/${f.resource.name ?? ''}` }] } : {}),
      },
    ],
    ...(f.fix ? { fixes: [{ description: { text: f.fix.title } }] } : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'meshaware', informationUri: 'https://github.com/meshaware/meshaware', version, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
