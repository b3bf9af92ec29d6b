import type { Finding } from '../types';

/** The JSON report: an array of findings with 0-based ranges, stable for scripts to consume. */
export function formatJson(findings: readonly Finding[], fileName: (uri: string) => string): string {
  const out = findings.map((f) => ({
    file: fileName(f.uri),
    range: { start: { ...f.range.start }, end: { ...f.range.end } },
    severity: f.severity,
    code: f.code,
    message: f.message,
    resource: f.resource ? { kind: f.resource.kind, name: f.resource.name ?? null, namespace: f.resource.namespace ?? null } : null,
  }));
  return `${JSON.stringify(out, null, 2)}\n`;
}
