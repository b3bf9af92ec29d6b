import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '../../..');
/** tsx's loader by absolute URL: the CLI runs in a scratch folder, where the bare name would not resolve. */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs the real CLI entry point through tsx in a child process, from the scratch folder, as CI would. */
function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/main.ts'), 'lint', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const server = (port: string, extra = '') => `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: web-http
  namespace: emojivoto
spec:
  podSelector:
    matchLabels:
      app: web
  port: ${port}
  accessPolicy: audit
${extra}`;

describe('meshaware lint (CLI)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshaware-lint-'));
    mkdirSync(join(dir, 'policies/nested'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true });
    writeFileSync(join(dir, 'policies/nested/server.yaml'), server('70000'));
    writeFileSync(join(dir, 'policies/quoted.yml'), server('"8080"').replace('web-http', 'web-quoted'));
    writeFileSync(join(dir, 'policies/notes.txt'), server('0'));
    writeFileSync(join(dir, 'node_modules/pkg/server.yaml'), server('0'));
    writeFileSync(join(dir, 'clean.yaml'), server('8080'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints 1-based text lines for folders searched recursively, skipping node_modules and non-YAML files, and exits 1 on an error', () => {
    const r = cli(['policies'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(
      r.stdout,
      [
        `${join('policies/nested/server.yaml')}:10:9 error MA201 Server port 70000 is not a valid port; use a number from 1 to 65535 or a container port name. The policy webhook denies this Server. (Server web-http.emojivoto)`,
        `${join('policies/quoted.yml')}:10:9 warning MA305 Port "8080" is quoted, so Linkerd reads it as a port name and it selects nothing. Remove the quotes to select port 8080. (Server web-quoted.emojivoto)`,
        '',
      ].join('\n'),
    );
    assert.match(r.stderr, /2 file\(s\), 2 finding\(s\)/);
  });

  it('--fail-on sets the exit threshold', () => {
    assert.equal(cli(['--fail-on', 'warning', 'policies/quoted.yml'], dir).status, 1);
    assert.equal(cli(['policies/quoted.yml'], dir).status, 0);
    assert.equal(cli(['--fail-on', 'info', 'clean.yaml'], dir).status, 0);
  });

  it('--format json gives 0-based ranges and the resource', () => {
    const r = cli(['--format', 'json', 'policies/nested/server.yaml'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        file: join('policies/nested/server.yaml'),
        range: { start: { line: 9, character: 8 }, end: { line: 9, character: 13 } },
        severity: 'error',
        code: 'MA201',
        message: 'Server port 70000 is not a valid port; use a number from 1 to 65535 or a container port name. The policy webhook denies this Server.',
        resource: { kind: 'Server', name: 'web-http', namespace: 'emojivoto' },
      },
    ]);
  });

  it('--format sarif gives a SARIF 2.1.0 log with the rule catalogue and 1-based regions', () => {
    const r = cli(['--format=sarif', 'policies'], dir);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.ok(run.tool.driver.rules.some((rule: { id: string; helpUri: string }) => rule.id === 'MA201' && rule.helpUri.endsWith('docs/rules/MA201.md')));
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'MA201');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 10, startColumn: 9, endLine: 10, endColumn: 14 });
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'MA201');
    assert.equal(run.results.find((x: { ruleId: string }) => x.ruleId === 'MA305').level, 'warning');
  });

  it('exits 2 on usage errors', () => {
    assert.equal(cli([], dir).status, 2);
    assert.equal(cli(['--format', 'xml', 'clean.yaml'], dir).status, 2);
    assert.equal(cli(['--fail-on', 'fatal', 'clean.yaml'], dir).status, 2);
    assert.equal(cli(['--bogus', 'clean.yaml'], dir).status, 2);
    const missing = cli(['does-not-exist.yaml'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file or folder/);
  });

  it('--max-size skips larger files with an info finding', () => {
    const r = cli(['--max-size', '100', '--fail-on', 'info', 'clean.yaml'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^clean\.yaml:1:1 info MA003 /);
  });
});
