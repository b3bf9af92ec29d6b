import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFiles } from '../../../src/core/lint/engine';
import type { Finding, LintOptions } from '../../../src/core/lint/types';

export const FIXTURES = join(__dirname, '../../fixtures/lint');

/** Rule fixture folders: one per code, each with bad.yaml and good.yaml. */
export function fixtureCodes(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^MA\d{3}$/.test(d.name))
    .map((d) => d.name)
    .sort();
}

export function readFixture(code: string, which: 'bad' | 'good'): string {
  return readFileSync(join(FIXTURES, code, `${which}.yaml`), 'utf8');
}

/** `# expect MA123[, MA456]` at the end of a line: findings with those codes start on that line. */
export function expectations(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /#\s*expect\s+(MA\d{3}(?:\s*,\s*MA\d{3})*)\s*$/.exec(line);
    if (m) for (const code of m[1].split(',')) out.push(`${i + 1} ${code.trim()}`);
  });
  return out.sort();
}

export function lintText(text: string, options: LintOptions = {}, uri = 'fixture.yaml'): Finding[] {
  return lintFiles([{ uri, text }], options);
}

export function located(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1} ${f.code}`).sort();
}
