// The SARIF that `meshaware lint --format sarif` uploads to GitHub code scanning, judged by Microsoft's SARIF
// Multitool: the 2.1.0 schema and its rules, plus GitHub's ingestion rules (Gh: help, descriptions, locations).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import multitool from '@microsoft/sarif-multitool';
import { lintFiles } from '../../../src/core/lint/engine';
import { formatSarif } from '../../../src/core/lint/format/sarif';

const repo = join(__dirname, '..', '..', '..');
const fixtures = join(repo, 'test', 'fixtures', 'lint');

interface SarifLog {
  runs: { results: { ruleId: string; level: string; message: { text: string }; partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)).sort();
}

function sarifOf(files: { uri: string; text: string }[]): string {
  const texts = new Map(files.map((f) => [f.uri, f.text]));
  return formatSarif({ findings: lintFiles(files), fileName: (uri) => relative(repo, uri), textOf: (uri) => texts.get(uri), version: '0.0.0-test' });
}

describe('lint SARIF output', () => {
  it('passes the SARIF Multitool validation, including GitHub code scanning rules, on every lint fixture', function () {
    this.timeout(120_000);
    const files = yamlFiles(fixtures).map((uri) => ({ uri, text: readFileSync(uri, 'utf8') }));
    const sarif = sarifOf(files);
    const parsed = JSON.parse(sarif) as SarifLog;
    assert.ok(parsed.runs[0].results.length > 100, 'the fixtures should give many findings, fixes among them');
    const dir = mkdtempSync(join(tmpdir(), 'mw-sarif-'));
    writeFileSync(join(dir, 'lint.sarif'), sarif);
    execFileSync(multitool, ['validate', join(dir, 'lint.sarif'), '--rule-kind', 'Sarif;Gh', '--output', join(dir, 'validation.sarif'), '--log', 'ForceOverwrite'], { stdio: 'pipe' });
    const validation = JSON.parse(readFileSync(join(dir, 'validation.sarif'), 'utf8')) as SarifLog;
    const problems = validation.runs[0].results.filter((r) => r.level === 'error' || r.level === 'warning');
    assert.deepEqual(problems.map((p) => `${p.ruleId}: ${p.message.text}`), []);
  });

  it('fingerprints a finding by what it is, so lines added above it keep its alert', () => {
    const text = readFileSync(yamlFiles(fixtures).find((f) => f.includes('MA201'))!, 'utf8');
    const before = JSON.parse(sarifOf([{ uri: join(repo, 'k8s', 'policy.yaml'), text }])) as SarifLog;
    const after = JSON.parse(sarifOf([{ uri: join(repo, 'k8s', 'policy.yaml'), text: `# a comment\n\n${text}` }])) as SarifLog;
    const [b, a] = [before.runs[0].results, after.runs[0].results];
    assert.ok(b.length > 0);
    assert.equal(a.length, b.length);
    for (let i = 0; i < b.length; i++) {
      assert.equal(a[i].locations[0].physicalLocation.region.startLine, b[i].locations[0].physicalLocation.region.startLine + 2);
      assert.deepEqual(a[i].partialFingerprints, b[i].partialFingerprints);
    }
    const prints = b.map((r) => Object.values(r.partialFingerprints)[0]);
    assert.equal(new Set(prints).size, prints.length, 'findings of one file have distinct fingerprints');
  });
});
