import type { Finding } from '../types';

/** `FILE:LINE:COL SEVERITY CODE message (Kind name.namespace)`, 1-based, one line per finding. */
export function formatText(findings: readonly Finding[], fileName: (uri: string) => string): string {
  return findings
    .map((f) => {
      const r = f.resource;
      const who = r ? ` (${r.kind} ${r.name ?? '(unnamed)'}${r.namespace ? `.${r.namespace}` : ''})` : '';
      return `${fileName(f.uri)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}${who}\n`;
    })
    .join('');
}
