// Issue 12: traffic reads on a cluster that refuses or stumbles. Forbidden proxy scrapes must be the result
// (which pods, why, the RBAC to grant, a failing exit code), never "No traffic" with exit 0; one transient 500
// must not fail a read. Faults are switched on in the simulator, so the API server really answers 403 and 500.
import * as assert from 'node:assert/strict';
import { ProxiesUnreadableError } from '../../src/core/traffic/unread';
import { readerFor } from '../../src/core/traffic/reader';
import { toProblem } from '../../src/editor/traffic/problems';
import { ClusterTrafficSource } from '../../src/editor/traffic/source';
import { cli } from './runCli';
import { simulatedCluster } from './simContext';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('traffic reads when the cluster refuses or fails', function () {
  this.timeout(120_000);
  let env: Awaited<ReturnType<typeof simulatedCluster>>;
  let kc: string[];
  const edges = (...args: string[]) => cli(['edges', '--source', 'proxies', ...kc, ...args]);

  before(async () => {
    env = await simulatedCluster({ scenario: 'emojivoto', linkerd: 'installed' });
    kc = ['--kubeconfig', env.sim.kubeconfigPath];
    // Every emojivoto pod meshed and running, so that a read has traffic to show.
    for (let i = 0; ; i++) {
      const r = await edges('-n', 'emojivoto', '-o', 'json');
      if (r.code === 0 && (JSON.parse(r.stdout) as { edges: unknown[] }).edges.length >= 4) break;
      assert.ok(i < 60, `emojivoto never showed its edges: ${r.stderr}`);
      await sleep(500);
    }
  });
  afterEach(() => env.sim.faults.clear());
  after(async () => env?.sim.close());

  it('edges fails with exit 1, naming the pods, the 403 and the RBAC to grant, when every proxy scrape is forbidden', async () => {
    env.sim.faults.set({ forbidden: [{ resource: 'pods/proxy' }] });
    for (const command of ['edges', 'stat']) {
      const r = await cli([command, '-A', '--source', 'proxies', ...kc]);
      assert.equal(r.code, 1, `${command}: ${r.stdout}${r.stderr}`);
      assert.doesNotMatch(r.stdout, /No traffic/);
      assert.match(r.stderr, /could not be read/);
      assert.match(r.stderr, /refused by the API server \(RBAC\)/);
      assert.match(r.stderr, /Forbidden: you may not get/);
      assert.match(r.stderr, /get on pods\/proxy/);
      assert.match(r.stderr, /kubectl create clusterrole meshaware-proxy-metrics --verb=get --resource=pods\/proxy/);
    }
  });

  it('the panel shows the same as its problem, not an empty graph', async () => {
    env.sim.faults.set({ forbidden: [{ resource: 'pods/proxy' }] });
    const source = new ClusterTrafficSource(() => env.session.client(), readerFor(() => 'proxies'));
    const error = await source.read(new AbortController().signal).catch((e: unknown) => e);
    assert.ok(error instanceof ProxiesUnreadableError, String(error));
    const problem = toProblem(error);
    assert.equal(problem.kind, 'proxiesUnreadable');
    assert.match(problem.message, /pod "/);
    assert.match(problem.hint, /get on pods\/proxy/);
  });

  it('forbidden in one namespace: prints what it read, lists the pods it could not, and exits 1', async () => {
    env.sim.faults.set({ forbidden: [{ resource: 'pods/proxy', namespace: 'linkerd' }] });
    const r = await edges('-A', '-o', 'json');
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { edges: { source: { name: string } }[]; unreadPods: { namespace: string; name: string; reason: string }[] };
    assert.ok(out.edges.some((e) => e.source.name === 'vote-bot'), 'emojivoto traffic is still shown');
    assert.ok(out.unreadPods.length > 0 && out.unreadPods.every((p) => p.namespace === 'linkerd' && /Forbidden/.test(p.reason)), JSON.stringify(out.unreadPods));
    assert.match(r.stderr, new RegExp(`The metrics of ${out.unreadPods.length} of \\d+ meshed pods could not be read`));
  });

  it('shows every unread pod on its workload in the panel, with the summary above the graph', async () => {
    env.sim.faults.set({ forbidden: [{ resource: 'pods/proxy', namespace: 'linkerd' }] });
    const source = new ClusterTrafficSource(() => env.session.client(), readerFor(() => 'proxies'));
    const { snapshot } = await source.read(new AbortController().signal);
    assert.match(snapshot.gaps?.summary ?? '', /could not be read/);
    assert.match(snapshot.gaps?.hint ?? '', /get on pods\/proxy/);
    const unread = snapshot.nodes.filter((n) => n.unreadPods);
    assert.ok(unread.length > 0 && unread.every((n) => n.namespace === 'linkerd'), JSON.stringify(unread));
    assert.equal(unread.reduce((s, n) => s + (n.unreadPods ?? 0), 0), snapshot.gaps?.pods.length);
  });

  it('retries transient 500s: a read with isolated API errors still succeeds', async () => {
    // Every 10th request answers 500; each is retried, as every other read of the cluster layer is.
    env.sim.faults.set({ errorRate: 0.1 });
    const r = await edges('-n', 'emojivoto', '-o', 'json', '--verbose');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, / 500 /, 'some requests did fail with 500');
    assert.ok((JSON.parse(r.stdout) as { edges: unknown[] }).edges.length >= 4, r.stdout);
  });
});
