// The panel's data path against the simulated cluster: the product's client, through a kubeconfig, to
// the simulator's API server. Each failure the panel has a state for is produced for real here.
import { strict as assert } from 'node:assert';
import { ClusterSession } from '../../src/core/cluster/session';
import { LinkerdAbsentError } from '../../src/core/traffic/errors';
import { toProblem } from '../../src/editor/traffic/problems';
import { readerFor } from '../../src/core/traffic/reader';
import { ClusterTrafficSource } from '../../src/editor/traffic/source';
import { isSnapshot } from '../../src/shared/trafficProtocol';
import { RecordingLog, simulatedCluster } from './simContext';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('traffic source on the simulated cluster', function () {
  this.timeout(60_000);
  let env: Awaited<ReturnType<typeof simulatedCluster>>;
  const source = () => new ClusterTrafficSource(() => env.session.client(), readerFor(() => 'auto'), () => 42);
  before(async () => (env = await simulatedCluster({ scenario: 'empty' })));
  after(async () => env?.sim.close());

  it('says there is no context when the kubeconfig has none', async () => {
    const session = new ClusterSession(new RecordingLog(), () => []);
    const s = new ClusterTrafficSource(() => session.client(), readerFor(() => 'auto'));
    const problem = toProblem(await s.read(new AbortController().signal).catch((e: unknown) => e));
    assert.equal(problem.kind, 'noContext');
  });

  it('says Linkerd is absent on a cluster without its control plane', async () => {
    const e = await source().read(new AbortController().signal).catch((x: unknown) => x);
    assert.ok(e instanceof LinkerdAbsentError, String(e));
    assert.equal(toProblem(e).kind, 'noLinkerd');
  });

  it('reports a forbidden pod list as forbidden, with what to ask for', async () => {
    await env.client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'linkerd' } });
    await env.client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'linkerd-config', namespace: 'linkerd' }, data: { values: 'linkerdVersion: edge-26.6.3\n' } });
    env.sim.faults.set({ forbidden: [{ resource: 'pods', verbs: ['list'] }] });
    try {
      const problem = toProblem(await source().read(new AbortController().signal).catch((x: unknown) => x));
      assert.equal(problem.kind, 'forbidden');
      assert.match(problem.hint, /list/);
    } finally {
      env.sim.faults.clear();
    }
  });

  it('lists workloads with their pods, unmeshed while no injector runs', async () => {
    await env.client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', annotations: { 'linkerd.io/inject': 'enabled' } } });
    const deployment = (name: string, replicas: number, annotations?: Record<string, string>) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop' },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name }, annotations }, spec: { containers: [{ name, image: `example/${name}:1` }] } } },
    });
    await env.client.apply(deployment('checkout', 2));
    await env.client.apply(deployment('legacy', 1, { 'linkerd.io/inject': 'disabled' }));
    let snapshot = (await source().read(new AbortController().signal)).snapshot;
    for (let i = 0; i < 100 && snapshot.nodes.reduce((n, x) => n + x.totalPods, 0) < 3; i++) {
      await sleep(100);
      snapshot = (await source().read(new AbortController().signal)).snapshot;
    }
    assert.ok(isSnapshot(snapshot));
    assert.equal(snapshot.context, env.sim.contextName);
    assert.equal(snapshot.updatedAt, 42);
    const checkout = snapshot.nodes.find((n) => n.id === 'shop/Deployment/checkout');
    const legacy = snapshot.nodes.find((n) => n.id === 'shop/Deployment/legacy');
    assert.deepEqual(checkout && [checkout.meshedPods, checkout.totalPods, checkout.meshed], [0, 2, false]);
    assert.deepEqual(legacy && [legacy.meshedPods, legacy.totalPods, legacy.meshed], [0, 1, false]);
    assert.equal(snapshot.source, 'proxies', 'without linkerd-viz the proxies are read');
  });

  it('stops at once when the read is cancelled', async () => {
    const controller = new AbortController();
    const reading = source().read(controller.signal);
    controller.abort();
    const e = await reading.catch((x: unknown) => x);
    assert.ok(e instanceof Error);
  });
});

describe('traffic source on the simulated emojivoto, Linkerd installed', function () {
  this.timeout(90_000);
  let env: Awaited<ReturnType<typeof simulatedCluster>>;
  before(async () => (env = await simulatedCluster({ scenario: 'emojivoto', linkerd: 'installed' })));
  after(async () => env?.sim.close());

  it('reads the scenario edges from the proxies: rates, success and mTLS within tolerance', async () => {
    const source = new ClusterTrafficSource(() => env.session.client(), readerFor(() => 'proxies'));
    let snapshot = (await source.read(new AbortController().signal)).snapshot;
    // Pods start and get their proxies over the first seconds; later reads measure steady traffic.
    for (let i = 0; i < 20 && snapshot.edges.length < 4; i++) {
      await sleep(1000);
      snapshot = (await source.read(new AbortController().signal)).snapshot;
    }
    await sleep(3000);
    snapshot = (await source.read(new AbortController().signal)).snapshot;
    assert.ok(isSnapshot(snapshot));
    const edge = (from: string, to: string) => snapshot.edges.find((e) => e.source === `emojivoto/Deployment/${from}` && e.target === `emojivoto/Deployment/${to}`);
    const expected: [string, string, number, number][] = [
      ['vote-bot', 'web', 6, 0.9],
      ['web', 'emoji', 7.5, 1],
      ['web', 'voting', 3, 0.8],
    ];
    for (const [from, to, rps, success] of expected) {
      const e = edge(from, to);
      assert.ok(e, `${from} → ${to} missing; edges: ${snapshot.edges.map((x) => x.id).join(', ')}`);
      assert.ok(Math.abs(e.requestsPerSecond - rps) <= rps * 0.35, `${from} → ${to}: ${e.requestsPerSecond} rps, expected ${rps}`);
      assert.ok(e.successRate !== null && Math.abs(e.successRate - success) <= 0.12, `${from} → ${to}: success ${e.successRate}, expected ${success}`);
      assert.equal(e.noTlsReason, '', `${from} → ${to} is over mTLS`);
      assert.match(e.serverIdentity ?? '', new RegExp(`^${to}\\.emojivoto\\.serviceaccount\\.identity\\.`));
    }
    const web = snapshot.nodes.find((n) => n.id === 'emojivoto/Deployment/web');
    assert.ok(web?.meshed && web.meshedPods === web.totalPods && web.totalPods > 0);
    const legacy = snapshot.edges.find((e) => e.target === 'emojivoto/Deployment/web' && !snapshot.nodes.find((n) => n.id === e.source)?.meshed);
    assert.ok(legacy, 'the unmeshed legacy client shows up as a caller of web');
    assert.notEqual(legacy.noTlsReason, '', 'and its edge is not mTLS');
  });

  it('says Prometheus is unreachable when asked to use it and linkerd-viz is not there', async () => {
    const source = new ClusterTrafficSource(() => env.session.client(), readerFor(() => 'prometheus'));
    const problem = toProblem(await source.read(new AbortController().signal).catch((x: unknown) => x));
    assert.equal(problem.kind, 'prometheusUnreachable');
    assert.match(problem.hint, /meshaware\.traffic\.source/);
  });
});
