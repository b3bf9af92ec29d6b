import { createHash } from 'node:crypto';
import { ruleDocUrl } from '../docs';
import { ALL_CODES } from '../registry';
import type { Finding, Severity } from '../types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Names the scheme of the fingerprint below; bump it when what goes into the hash changes. */
const FINGERPRINT_KEY = 'meshawareFinding/v1';

export interface SarifInput {
  readonly findings: readonly Finding[];
  /** How a finding's file is named in the log: relative to the repository root for code scanning. */
  readonly fileName: (uri: string) => string;
  /** The text of a linted file, to fingerprint a finding by what it points at rather than by its line. */
  readonly textOf: (uri: string) => string | undefined;
  readonly version: string;
}

/**
 * A SARIF 2.1.0 log with one run: every rule described once (with the descriptions and help that GitHub code
 * scanning requires), every finding as a result with a 1-based region and a fingerprint that survives line moves.
 */
export function formatSarif(input: SarifInput): string {
  const rules = ALL_CODES.map((r) => ({
    id: r.code,
    name: r.name,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.summary },
    helpUri: ruleDocUrl(r.code),
    help: { text: `${r.summary} See ${ruleDocUrl(r.code)}`, markdown: `${r.summary}\n\n[${r.code} documentation](${ruleDocUrl(r.code)})` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { category: r.category, tags: ['linkerd', r.category] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const fingerprints = fingerprintAll(input);
  const results = input.findings.map((f, i) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: input.fileName(f.uri) },
          region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
        },
        ...(f.resource ? { logicalLocations: [{ name: f.resource.name, kind: 'object', fullyQualifiedName: resourceId(f) }] } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] },
    ...(f.fix
      ? {
          fixes: [{
            description: { text: f.fix.title },
            artifactChanges: [{
              artifactLocation: { uri: input.fileName(f.uri) },
              replacements: f.fix.edits.map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.newText } })),
            }],
          }],
        }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'meshaware', informationUri: 'https://github.com/meshaware/meshaware', version: input.version, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function resourceId(f: Finding): string {
  return f.resource ? `${f.resource.namespace ?? 'default'}/${f.resource.kind}/${f.resource.name ?? ''}` : '';
}

/**
 * What a finding is, without where it is: its code, file, object and the text it points at (whitespace
 * collapsed), plus an ordinal among findings that share all of those. Lines added above it change none of it.
 */
function fingerprintAll(input: SarifInput): string[] {
  const seen = new Map<string, number>();
  return input.findings.map((f) => {
    const text = input.textOf(f.uri)?.slice(f.start, f.end).replace(/\s+/g, ' ').trim() ?? '';
    const identity = [f.code, input.fileName(f.uri), resourceId(f), text].join('\u0000');
    const ordinal = seen.get(identity) ?? 0;
    seen.set(identity, ordinal + 1);
    return createHash('sha256').update(`${identity}\u0000${ordinal}`).digest('hex').slice(0, 32);
  });
}
