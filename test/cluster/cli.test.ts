import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { CLI, cli } from './runCli';

describe('meshaware CLI: check, install, upgrade, rotate-issuer, uninstall against the simulated cluster', () => {
  let sim: Simulator;
  let kc: string[];
  const identityDir = join(mkdtempSync(join(tmpdir(), 'mw-id-')), 'identity');
  before(async () => {
    assert.ok(statSync(CLI).isFile(), 'build first: npm run build');
    sim = await startSimulator({ readinessDelayMs: 100 });
    kc = ['--kubeconfig', sim.kubeconfigPath];
  });
  after(() => sim.close());

  it('check --pre succeeds on a fresh cluster', async () => {
    const r = await cli(['check', '--pre', ...kc]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /√ can query the Kubernetes API/);
    assert.match(r.stdout, /Status check results are √/);
  });

  it('check streams its results, names a slow check and stops at --timeout, with hints for CLI users', async () => {
    sim.faults.set({ latencyMs: 3000 });
    try {
      const r = await cli(['check', '--timeout', '12', ...kc]);
      assert.equal(r.code, 1);
      assert.ok(r.totalMs < 25_000, `bounded by its deadline (took ${r.totalMs} ms)`);
      assert.ok(r.firstOutputMs < r.totalMs - 4000, `the first result came out ${r.firstOutputMs} ms in, long before the end (${r.totalMs} ms)`);
      assert.match(r.stdout, /^kubernetes-api\n-+\n√ can query the Kubernetes API\n/);
      assert.match(r.stderr, /\.\.\. still waiting for "Gateway API CRDs are installed" \(5 s\)/);
      assert.match(r.stdout, /× .*\n {4}Did not finish: the whole check has a 12 s deadline, and this check was still running after \d+(\.\d)? s\.\n {4}see: The API server answers slowly\. Re-run with --verbose to see each API request\./);
      assert.match(r.stdout, /- .*\n {4}not run: the 12 s deadline passed while ".*" ran/);
    } finally {
      sim.faults.clear();
    }
  });

  it('check fails with exit code 1 and JSON when Linkerd is absent', async () => {
    const r = await cli(['check', '-o', 'json', ...kc]);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.success, false);
    const gateway = report.categories.find((c: { categoryName: string }) => c.categoryName === 'gateway-api-crd');
    assert.equal(gateway.checks[0].result, 'error');
    const existence = report.categories.find((c: { categoryName: string }) => c.categoryName === 'linkerd-existence');
    assert.equal(existence.checks[0].result, 'skipped', 'a fatal failure stops the run, as linkerd check does');
    assert.ok(!/Meshaware:|Meshaware log|output channel/.test(r.stdout), 'CLI hints name CLI commands');
    assert.match(gateway.checks[0].hint, /run `meshaware install` again/);
  });

  it('install writes the anchor key 0600 outside the cluster; check then passes', async () => {
    const r = await cli(['install', '--identity-dir', identityDir, ...kc]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Linkerd is installed on meshaware-sim/);
    assert.equal(statSync(join(identityDir, 'ca.key')).mode & 0o777, 0o600);
    const key = readFileSync(join(identityDir, 'ca.key'), 'utf8');
    const check = await cli(['check', ...kc]);
    assert.equal(check.code, 0, check.stdout);
    const everything = await cli(['check', '-o', 'json', ...kc]);
    assert.ok(!everything.stdout.includes(key.split('\n')[1]), 'the anchor key appears nowhere the CLI reads from the cluster');
  });

  it('rotate-issuer with the kept anchor', async () => {
    const r = await cli(['rotate-issuer', '--anchor-cert', join(identityDir, 'ca.crt'), '--anchor-key', join(identityDir, 'ca.key'), ...kc]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /identity controller reloads it/);
  });

  it('upgrade lists nothing to restart on a cluster without meshed workloads', async () => {
    const r = await cli(['upgrade', ...kc]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Every meshed workload runs the current proxy/);
  });

  it('uninstall lists first, refuses while meshed pods remain, deletes with --yes (and --force for them)', async () => {
    sim.api.create(sim.api.typeOf('Namespace'), undefined, { metadata: { name: 'shop', annotations: { 'linkerd.io/inject': 'enabled' } } });
    sim.api.create(sim.api.typeOf('Pod'), 'shop', { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'example/web:1' }] } });
    const dry = await cli(['uninstall', ...kc]);
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /Would delete, in this order:\n {2}mutatingwebhookconfiguration\//);
    assert.match(dry.stdout, /Warning: 1 meshed pod would keep proxies with no control plane .*: shop\/web/);
    const refused = await cli(['uninstall', '--yes', ...kc]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Not uninstalling: 1 meshed pod would.*--force/);
    assert.ok(await sim.api.find(sim.api.typeOf('Namespace'), undefined, 'linkerd'), 'nothing was deleted');
    const wet = await cli(['uninstall', '--yes', '--force', ...kc]);
    assert.equal(wet.code, 0, wet.stderr);
    assert.match(wet.stderr, /Linkerd is uninstalled/);
    assert.match((await cli(['uninstall', ...kc])).stdout, /Nothing of Linkerd is installed/);
    sim.api.delete(sim.api.typeOf('Namespace'), undefined, 'shop');
  });

  it('a 403 fails the install before anything changes, and a re-run after the fix installs', async () => {
    sim.faults.set({ forbidden: [{ resource: 'namespaces', verbs: ['create', 'patch'] }] });
    try {
      const r = await cli(['install', '--identity-dir', identityDir, ...kc]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /not allowed to create namespaces, patch namespaces\..*Nothing was changed/);
    } finally {
      sim.faults.clear();
    }
  });

  it('installs again on a recreated cluster of the same context, reusing the anchor it stored (no "ca.crt already exists")', async () => {
    const key = readFileSync(join(identityDir, 'ca.key'), 'utf8');
    const r = await cli(['install', '--identity-dir', identityDir, ...kc]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`reusing the trust anchor stored in ${identityDir} for "meshaware-sim" \\(expires [0-9-]+\\) with a new issuer`));
    assert.equal(readFileSync(join(identityDir, 'ca.key'), 'utf8'), key, 'the stored anchor is untouched');
    assert.equal((await cli(['uninstall', '--yes', ...kc])).code, 0);
  });

  it('refuses to change a remote-looking context unless confirmed by name', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mw-')), 'kubeconfig');
    writeFileSync(file, readFileSync(sim.kubeconfigPath, 'utf8').replace(sim.url, 'https://203.0.113.10:6443'));
    const r = await cli(['install', '--kubeconfig', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /refusing to install Linkerd on context "meshaware-sim": the API server 203\.0\.113\.10 is not on this machine\. If you mean it, add --confirm-context meshaware-sim/);
  });

  it('an unreachable cluster is one clear line and exit code 1', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mw-')), 'kubeconfig');
    writeFileSync(file, readFileSync(sim.kubeconfigPath, 'utf8').replace(sim.url, 'https://127.0.0.1:1'));
    const r = await cli(['check', '--kubeconfig', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /× can query the Kubernetes API\n {4}Cannot reach the API server/);
  });

  describe('edges and stat on a meshed emojivoto', () => {
    let meshed: Simulator;
    before(async () => {
      meshed = await startSimulator({ readinessDelayMs: 100, linkerd: 'installed' });
    });
    after(() => meshed.close());

    it('edges -o json: vote-bot → web is secured with both identities; the legacy client is not', async () => {
      const r = await cli(['edges', '-n', 'emojivoto', '-o', 'json', '--source', 'proxies', '--kubeconfig', meshed.kubeconfigPath]);
      assert.equal(r.code, 0, r.stderr);
      const { edges } = JSON.parse(r.stdout) as { edges: { source: { name: string; kind: string }; destination: { name: string }; secured: boolean; noTlsReason: string | null; clientIdentity: string | null; requestsPerSecond: number }[] };
      const voteBot = edges.find((e) => e.source.name === 'vote-bot' && e.destination.name === 'web');
      assert.ok(voteBot, r.stdout);
      assert.equal(voteBot.secured, true);
      assert.equal(voteBot.clientIdentity, 'vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local');
      assert.ok(voteBot.requestsPerSecond > 0);
      const plaintext = edges.find((e) => e.source.kind === 'UnmeshedClients' && e.destination.name === 'web');
      assert.ok(plaintext && !plaintext.secured && plaintext.noTlsReason, r.stdout);
    });

    it('stat prints a table of workloads with meshed/total pods', async () => {
      const r = await cli(['stat', '-A', '--kubeconfig', meshed.kubeconfigPath]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^NAMESPACE\s+NAME\s+MESHED\s+SUCCESS\s+RPS/);
      assert.match(r.stdout, /emojivoto\s+deployment\/web\s+2\/2\s+\d+\.\d+%/);
      assert.match(r.stdout, /legacy\s+deployment\/legacy-client\s+0\/1/);
    });

    it('says what to do when Linkerd is absent', async () => {
      const r = await cli(['edges', '--kubeconfig', sim.kubeconfigPath]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Linkerd is not installed in "meshaware-sim"/);
    });

    it('rejects bad flags with exit code 2', async () => {
      assert.equal((await cli(['edges', '--source', 'magic', '--kubeconfig', meshed.kubeconfigPath])).code, 2);
      assert.equal((await cli(['stat', '-n', 'a', '-A', '--kubeconfig', meshed.kubeconfigPath])).code, 2);
      const window = await cli(['edges', '-t', '0', '--kubeconfig', meshed.kubeconfigPath]);
      assert.equal(window.code, 2);
      assert.match(window.stderr, /--window must be a positive number of seconds/);
    });
  });
});
