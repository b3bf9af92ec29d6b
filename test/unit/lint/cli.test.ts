import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../cli/inProcess';
import { authorizationPolicy, meshTLSAuthentication, server } from './policyYaml';

const ROOT = join(__dirname, '../../..');
/** tsx's loader by absolute URL: the CLI runs in a scratch folder, where the bare name would not resolve. */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs the real executable through tsx in a child process, from the scratch folder, as CI would: for limits and users. */
function spawnCli(args: string[], cwd: string, options: { openFiles?: number; uid?: number } = {}): { status: number | null; stdout: string; stderr: string } {
  const command = [process.execPath, '--import', TSX, join(ROOT, 'src/cli/bin.ts'), 'lint', ...args];
  // A file-descriptor limit is set with the shell's ulimit, so the CLI starts under it as a CI job would.
  const [file, argv] = options.openFiles ? ['sh', ['-c', `ulimit -n ${options.openFiles} && exec "$@"`, 'sh', ...command]] : [command[0], command.slice(1)];
  // tsx's transform cache writes each module it compiles asynchronously: on a cold cache (just after a source
  // change) those writes hold enough descriptors at start-up to hit a low ulimit before the lint runs.
  const r = spawnSync(file, argv, { cwd, encoding: 'utf8', timeout: 60_000, uid: options.uid, env: { ...process.env, HOME: tmpdir(), TSX_DISABLE_CACHE: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `meshaware lint` in process, in the scratch folder. */
const cli = (args: string[], cwd: string) => runCli(['lint', ...args], { cwd });

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

  it('prints 1-based text lines for folders searched recursively, skipping node_modules and non-YAML files, and exits 1 on an error', async () => {
    const r = await cli(['policies'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(
      r.stdout,
      [
        `${join('policies/nested/server.yaml')}:10:9 error MA201 Server port 70000 is not a valid port; use a number from 1 to 65535 or a container port name. The policy webhook denies this Server. (Server web-http.emojivoto)`,
        `${join('policies/quoted.yml')}:10:9 warning MA305 Port "8080" is quoted, so Linkerd reads it as a port name and it selects nothing. Remove the quotes to select port 8080. (Server web-quoted.emojivoto)`,
        '',
      ].join('\n'),
    );
    assert.match(r.stderr, /2 files, 2 findings/);
  });

  it('--fail-on sets the exit threshold', async () => {
    assert.equal((await cli(['--fail-on', 'warning', 'policies/quoted.yml'], dir)).status, 1);
    assert.equal((await cli(['policies/quoted.yml'], dir)).status, 0);
    assert.equal((await cli(['--fail-on', 'info', 'clean.yaml'], dir)).status, 0);
  });

  it('--format json gives 0-based ranges and the resource', async () => {
    const r = await cli(['--format', 'json', 'policies/nested/server.yaml'], dir);
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

  it('--format sarif gives a SARIF 2.1.0 log with the rule catalogue and 1-based regions', async () => {
    const r = await cli(['--format=sarif', 'policies'], dir);
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

  it('prints the same "did you mean" as the editor, as an error when the traffic stays denied', async () => {
    const policy = `${authorizationPolicy('web-htp', [{ kind: 'MeshTLSAuthentication', name: 'web-client' }])}---\n${meshTLSAuthentication('web-clients')}`;
    mkdirSync(join(dir, 'typos'));
    writeFileSync(join(dir, 'typos/policy.yaml'), policy);
    writeFileSync(join(dir, 'typos/server.yaml'), server('8080'));
    const r = await cli(['typos'], dir);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /policy\.yaml:10:11 warning MA301 Server 'web-htp' is not defined .* so the policy has no effect\. Did you mean 'web-http'\?/);
    assert.match(lines[1], /policy\.yaml:14:13 error MA301 MeshTLSAuthentication 'web-client' .* stays denied\. Did you mean 'web-clients'\?/);
  });

  it('-L/--linkerd-namespace sets the control-plane namespace every mesh identity must name', async () => {
    const auth = `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata:
  name: web-clients
  namespace: emojivoto
spec:
  identities:
    - web.emojivoto.serviceaccount.identity.mesh.cluster.local
`;
    const own = mkdtempSync(join(tmpdir(), 'meshaware-lint-ns-'));
    try {
      writeFileSync(join(own, 'auth.yaml'), auth);
      assert.match((await cli(['auth.yaml'], own)).stdout, /MA313/);
      const r = await cli(['-L', 'mesh', 'auth.yaml'], own);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /MA313/);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await cli([], dir)).status, 2);
    assert.equal((await cli(['--format', 'xml', 'clean.yaml'], dir)).status, 2);
    assert.equal((await cli(['--fail-on', 'fatal', 'clean.yaml'], dir)).status, 2);
    assert.equal((await cli(['--bogus', 'clean.yaml'], dir)).status, 2);
    const missing = await cli(['does-not-exist.yaml'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file or folder/);
  });

  it('--max-size skips larger files with an info finding', async () => {
    const r = await cli(['--max-size', '100', '--fail-on', 'info', 'clean.yaml'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^clean\.yaml:1:1 info MA003 /);
  });

  describe('hostile repositories', () => {
    it('walks each real folder once: two links back to the parent neither hang it nor lint a file twice', async () => {
      const root = join(dir, 'loops');
      mkdirSync(join(root, 'app'), { recursive: true });
      writeFileSync(join(root, 'app/server.yaml'), server('70000'));
      symlinkSync('..', join(root, 'app/up'));
      symlinkSync('..', join(root, 'app/again'));
      symlinkSync('app', join(root, 'same-app'));
      const r = await cli(['loops'], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(' ')[2]), ['MA201']);
      assert.match(r.stderr, /^1 file, 1 finding$/m);
    });

    it('keeps open files bounded: 2,000 files lint under ulimit -n 256', async () => {
      const many = join(dir, 'many');
      mkdirSync(many);
      for (let i = 0; i < 2000; i++) writeFileSync(join(many, `s${i}.yaml`), server(String(1000 + i)).replace('web-http', `web-${i}`).replace('app: web', `app: web-${i}`));
      const r = spawnCli(['--format', 'json', 'many'], dir, { openFiles: 256 });
      assert.equal(r.status, 0, r.stderr.slice(0, 500));
      assert.deepEqual(JSON.parse(r.stdout), []);
    });

    it('reports an unreadable folder or file as MA007, lints the rest, and keeps JSON and SARIF whole', function () {
      // Permissions do not stop root: the CLI runs as nobody here, as it would in most CI jobs.
      const asRoot = process.getuid?.() === 0;
      const nobody = 65534;
      const root = mkdtempSync(join(tmpdir(), 'meshaware-eacces-'));
      mkdirSync(join(root, 'locked'));
      writeFileSync(join(root, 'locked/server.yaml'), server('0'));
      writeFileSync(join(root, 'secret.yaml'), server('0'));
      writeFileSync(join(root, 'open.yaml'), server('70000'));
      chmodSync(join(root, 'locked'), 0o000);
      chmodSync(join(root, 'secret.yaml'), 0o000);
      if (asRoot) chownSync(root, nobody, nobody);
      try {
        const r = spawnCli(['--format', 'json', '.'], root, { uid: asRoot ? nobody : undefined });
        assert.equal(r.status, 1, r.stderr);
        const found = (JSON.parse(r.stdout) as { file: string; code: string; message: string }[]).map((f) => `${f.file} ${f.code}`);
        assert.deepEqual(found.sort(), ['locked MA007', 'open.yaml MA201', 'secret.yaml MA007']);
        const sarif = JSON.parse(spawnCli(['--format', 'sarif', '.'], root, { uid: asRoot ? nobody : undefined }).stdout);
        assert.equal(sarif.runs[0].results.length, 3);
      } finally {
        chmodSync(join(root, 'locked'), 0o755);
        rmSync(root, { recursive: true, force: true });
      }
    });

    it('a named path that cannot be read at all is a finding too, not a crash', async () => {
      const r = await cli(['clean.yaml/inside'], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^clean\.yaml\/inside:1:1 error MA007 Could not read this file/);
    });
  });

  describe('--changed-since REF', () => {
    const authz = (ns: string, server: string) => `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: web-authz
  namespace: ${ns}
spec:
  targetRef:
    group: policy.linkerd.io
    kind: Server
    name: ${server}
  requiredAuthenticationRefs:
    - group: policy.linkerd.io
      kind: NetworkAuthentication
      name: all
---
apiVersion: policy.linkerd.io/v1alpha1
kind: NetworkAuthentication
metadata:
  name: all
  namespace: ${ns}
spec:
  networks:
    - cidr: 0.0.0.0/0
`;
    const namedServer = (ns: string) => server('8080').replace('namespace: emojivoto', `namespace: ${ns}`);
    let repo: string;
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });

    beforeEach(() => {
      // Two teams' namespaces; team-b already has a problem of its own, which a change to team-a must not report.
      repo = mkdtempSync(join(tmpdir(), 'meshaware-changed-'));
      mkdirSync(join(repo, 'team-a'));
      mkdirSync(join(repo, 'team-b'));
      writeFileSync(join(repo, 'team-a/server.yaml'), namedServer('team-a'));
      writeFileSync(join(repo, 'team-a/authz.yaml'), authz('team-a', 'web-http'));
      writeFileSync(join(repo, 'team-b/authz.yaml'), authz('team-b', 'missing-server'));
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'base');
    });

    it('reports what a deletion breaks in another file of the same namespace, and nothing from untouched namespaces', async () => {
      rmSync(join(repo, 'team-a/server.yaml'));
      const r = await cli(['--changed-since', 'HEAD', '--fail-on', 'warning', '--format', 'json', '.'], repo);
      const findings = JSON.parse(r.stdout) as { file: string; code: string }[];
      assert.deepEqual(findings.map((f) => `${f.file} ${f.code}`), ['team-a/authz.yaml MA301'], r.stderr);
      assert.equal(r.status, 1);
    });

    it('lints an untracked file, and a clean change passes while the whole tree would fail', async () => {
      writeFileSync(join(repo, 'team-a/extra.yaml'), namedServer('team-a').replace('name: web-http', 'name: web-admin').replace('8080', '9990'));
      const changed = await cli(['--changed-since', 'HEAD', '--fail-on', 'warning', '.'], repo);
      assert.equal(changed.status, 0, changed.stdout + changed.stderr);
      assert.match(changed.stderr, /1 of 4 files changed since HEAD; linting 3 that they touch or reference/);
      assert.equal((await cli(['--fail-on', 'warning', '.'], repo)).status, 1, 'team-b\'s own problem fails a full lint');
    });

    it('refuses a REF that is not a commit, as a usage mistake', async () => {
      const r = await cli(['--changed-since', 'no-such-ref', '.'], repo);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /'no-such-ref' is not a commit of this repository/);
    });
  });
});
