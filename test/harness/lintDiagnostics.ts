import * as vscode from 'vscode';
import { waitUntil } from './poll';

/** Meshaware's diagnostics of a file as `LINE CODE` (1-based line), or `LINE CODE SEVERITY`, sorted. */
export function lintCodes(uri: vscode.Uri, withSeverity = false): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'meshaware')
    .map((d) => {
      const code = `${d.range.start.line + 1} ${typeof d.code === 'object' ? String(d.code.value) : String(d.code)}`;
      return withSeverity ? `${code} ${vscode.DiagnosticSeverity[d.severity].toLowerCase()}` : code;
    })
    .sort();
}

/** Waits (up to 20 s) until a file's diagnostics are exactly `expected`, in the form of `lintCodes`. */
export async function lintCodesBecome(uri: vscode.Uri, expected: string[], what: string, withSeverity = false): Promise<void> {
  const now = () => JSON.stringify(lintCodes(uri, withSeverity));
  await waitUntil(() => now() === JSON.stringify(expected), 20_000, `${what}: expected ${JSON.stringify(expected)}, got ${now()}`);
}
