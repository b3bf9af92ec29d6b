// The product's Prometheus source against the simulator's `--prometheus`: a real Prometheus (Debian's
// package) scraping the simulated proxies with viz's relabelling, reached through the API server's
// service proxy exactly as on a cluster with linkerd-viz. The proxies source reads the same traffic.
import { strict as assert } from 'node:assert';
import { targetLabels } from '../../src/core/metrics/relabel';
import { listPods } from '../../src/core/traffic/pods';
import { readerFor } from '../../src/core/traffic/reader';
import type { SourceSetting } from '../../src/core/traffic/sources';
import { ClusterTrafficSource } from '../../src/editor/traffic/source';
import type { TrafficSnapshot } from '../../src/shared/trafficProtocol';
import { startPrometheusProcess } from '../../sim/prometheus/process';
import { simulatedCluster } from './simContext';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const VIZ_QUERY = '/api/v1/namespaces/linkerd-viz/services/prometheus:9090/proxy/api/v1/query';
/** The product reads `increase(…[60s])`: rates are only whole once Prometheus holds a full window. */
const WINDOW_MS = 60_000;

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

describe('Prometheus source on the simulated emojivoto (--prometheus, a real Prometheus)', function () {
  this.timeout(240_000);
  let env: Awaited<ReturnType<typeof simulatedCluster>>;
  let windowFilledAt = 0;
  const query = async (promql: string): Promise<Sample[]> => {
    const body = await env.client.raw<{ status: string; data: { result: Sample[] } }>(`${VIZ_QUERY}?${new URLSearchParams({ query: promql })}`, 'viz Prometheus');
    assert.equal(body.status, 'success');
    return body.data.result;
  };
  const read = (setting: SourceSetting, reader = readerFor(() => setting)) =>
    new ClusterTrafficSource(() => env.session.client(), reader).read(new AbortController().signal).then((r) => r.snapshot);

  before(async function () {
    env = await simulatedCluster({ scenario: 'emojivoto', linkerd: 'installed', prometheus: true });
    // Labelled as the injector labels a Job's pod (the simulator's Job pods finish at once and are never
    // scraped), with a label name Prometheus must sanitize: viz's special cases beyond Deployments.
    await env.client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'report-runner', namespace: 'emojivoto', labels: { 'linkerd.io/proxy-job': 'nightly-report', 'example.com/team': 'data' } },
      spec: { containers: [{ name: 'report', image: 'busybox:1.37', ports: [{ name: 'http', containerPort: 8080 }] }] },
    });
    // Every meshed pod scraped at least twice, through the service proxy the product uses.
    for (let i = 0; ; i++) {
      const meshed = (await listPods(env.client, 'linkerd')).filter((p) => p.meshed);
      const scraped = new Map((await query('count_over_time(up{job="linkerd-proxy"}[5m]) >= 2')).map((s) => [s.metric.pod, s]));
      if (meshed.length > 0 && meshed.every((p) => scraped.has(p.name))) break;
      assert.ok(i < 60, `Prometheus did not scrape every proxy twice within a minute: missing ${meshed.filter((p) => !scraped.has(p.name)).map((p) => p.name).join(', ')}`);
      await sleep(1000);
    }
    windowFilledAt = Date.now() + WINDOW_MS + 2000;
  });
  after(async () => env?.sim.close());

  it('labels every proxy target as viz does, which is what the product attaches when it scrapes proxies itself', async () => {
    const pods = (await listPods(env.client, 'linkerd')).filter((p) => p.meshed);
    const up = await query('up{job="linkerd-proxy"}');
    assert.deepEqual(up.map((s) => s.metric.pod).sort(), pods.map((p) => p.name).sort(), 'one target per meshed pod, nothing else');
    for (const pod of pods) {
      const { __name__, ...labels } = up.find((s) => s.metric.pod === pod.name)!.metric;
      assert.equal(__name__, 'up');
      assert.deepEqual(labels, targetLabels(pod), `labels of ${pod.namespace}/${pod.name}`);
      assert.equal(up.find((s) => s.metric.pod === pod.name)!.value[1], '1', `${pod.name} is up`);
    }
    assert.ok(pods.some((p) => p.namespace === 'linkerd') && pods.some((p) => p.namespace === 'emojivoto'), 'control plane and app proxies are both scraped');
    const report = up.find((s) => s.metric.pod === 'report-runner')?.metric;
    assert.deepEqual([report?.k8s_job, report?.example_com_team, report?.job], ['nightly-report', 'data', 'linkerd-proxy'], 'a Job owner becomes k8s_job, not job');
  });

  it('picks Prometheus on its own when the viz service exists', async () => {
    assert.equal((await read('auto')).source, 'prometheus');
  });

  it('reads the scenario edges from Prometheus: rates, success and mTLS within tolerance', async () => {
    await sleep(Math.max(0, windowFilledAt - Date.now()));
    const snapshot = await read('prometheus');
    assert.equal(snapshot.source, 'prometheus');
    const edge = (from: string, to: string) => snapshot.edges.find((e) => e.source === `emojivoto/Deployment/${from}` && e.target === `emojivoto/Deployment/${to}`);
    // The scenario's configuration. The proxies test allows 35 % of the rate and 0.12 of success over its 2 s
    // window; a full 60 s window of real scrapes measures to within 1 % here, so 10 % and 0.05 leave room
    // only for a loaded machine.
    const expected: [string, string, number, number][] = [
      ['vote-bot', 'web', 6, 0.9],
      ['web', 'emoji', 7.5, 1],
      ['web', 'voting', 3, 0.8],
    ];
    for (const [from, to, rps, success] of expected) {
      const e = edge(from, to);
      assert.ok(e, `${from} → ${to} missing; edges: ${snapshot.edges.map((x) => x.id).join(', ')}`);
      assert.ok(Math.abs(e.requestsPerSecond - rps) <= rps * 0.1, `${from} → ${to}: ${e.requestsPerSecond} rps, expected ${rps}`);
      assert.ok(e.successRate !== null && Math.abs(e.successRate - success) <= 0.05, `${from} → ${to}: success ${e.successRate}, expected ${success}`);
      assert.equal(e.noTlsReason, '', `${from} → ${to} is over mTLS`);
      assert.match(e.serverIdentity ?? '', new RegExp(`^${to}\\.emojivoto\\.serviceaccount\\.identity\\.`));
    }
    const legacy = snapshot.edges.find((e) => e.target === 'emojivoto/Deployment/web' && !snapshot.nodes.find((n) => n.id === e.source)?.meshed);
    assert.ok(legacy, 'the unmeshed legacy client shows up as a caller of web');
    assert.notEqual(legacy.noTlsReason, '', 'and its edge is not mTLS');
    assert.ok(Math.abs(legacy.requestsPerSecond - 1.5) <= 0.15, `legacy-client → web: ${legacy.requestsPerSecond} rps, expected 1.5`);
  });

  it('gives the same edges and numbers as the proxies for the same traffic', async () => {
    await sleep(Math.max(0, windowFilledAt - Date.now()));
    // A proxies reader measures between its reads: a 10 s window keeps counter rounding small.
    const proxiesReader = readerFor(() => 'proxies');
    await read('proxies', proxiesReader);
    await sleep(10_000);
    const [fromProxies, fromPrometheus] = await Promise.all([read('proxies', proxiesReader), read('prometheus')]);
    const ids = (s: TrafficSnapshot) => s.edges.map((e) => e.id).sort();
    assert.deepEqual(ids(fromPrometheus), ids(fromProxies), 'the same edges');
    assert.deepEqual(fromPrometheus.nodes.map((n) => [n.id, n.meshedPods, n.totalPods, n.meshed]).sort(), fromProxies.nodes.map((n) => [n.id, n.meshedPods, n.totalPods, n.meshed]).sort(), 'the same workloads');
    for (const p of fromPrometheus.edges) {
      const x = fromProxies.edges.find((e) => e.id === p.id)!;
      // Prometheus rates cover the last 60 s, the proxies' the last 10 s, of the same steady traffic.
      assert.ok(Math.abs(p.requestsPerSecond - x.requestsPerSecond) <= 0.1 * Math.max(p.requestsPerSecond, x.requestsPerSecond), `${p.id}: ${p.requestsPerSecond} rps from Prometheus, ${x.requestsPerSecond} from the proxies`);
      assert.ok((p.successRate === null) === (x.successRate === null) && Math.abs((p.successRate ?? 0) - (x.successRate ?? 0)) <= 0.03, `${p.id}: success ${p.successRate} vs ${x.successRate}`);
      assert.deepEqual([p.noTlsReason, p.serverIdentity, p.clientIdentity, p.openConnections], [x.noTlsReason, x.serverIdentity, x.clientIdentity, x.openConnections], `${p.id}: mTLS, identities and connections`);
    }
  });

  // Runs last: it replaces a pod the tests above read.
  it('reads the same model from a Prometheus URL the user configures (as for a port-forward)', async () => {
    assert.ok(env.sim.prometheusUrl, 'the simulator reports its Prometheus address');
    const viaApi = await read('prometheus');
    const direct = await read('auto', readerFor(() => 'auto', () => env.sim.prometheusUrl));
    assert.equal(direct.source, 'prometheus');
    assert.deepEqual(direct.edges.map((e) => e.id).sort(), viaApi.edges.map((e) => e.id).sort());
    const wrong = readerFor(() => 'prometheus', () => 'http://127.0.0.1:1');
    await assert.rejects(read('prometheus', wrong), /Prometheus at http:\/\/127\.0\.0\.1:1 did not answer/);
  });

  it('follows pods as they come and go (the discovery file is rewritten on every change)', async () => {
    const emoji = async () => (await listPods(env.client, 'linkerd')).filter((p) => p.owner?.name === 'emoji').map((p) => p.name);
    const [old] = await emoji();
    assert.ok(old, 'emoji runs');
    await env.client.delete('v1', 'Pod', old, 'emojivoto');
    let targets: string[] = [];
    for (let i = 0; i < 60; i++) {
      const pods = await emoji();
      targets = (await query('up{job="linkerd-proxy", deployment="emoji"} == 1')).map((s) => s.metric.pod);
      if (pods.length === 1 && pods[0] !== old && targets.length === 1 && targets[0] === pods[0]) return;
      await sleep(500);
    }
    assert.fail(`Prometheus still scrapes ${targets.join(', ')} instead of the replacement of ${old}`);
  });
});

describe('--prometheus without a prometheus binary', () => {
  it('fails loudly, saying what to install', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const error = await startPrometheusProcess(() => 'global: {}\n').then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof Error, 'starting without the binary must fail');
      assert.match(error.message, /apt-get install -y prometheus/);
    } finally {
      process.env.PATH = path;
    }
  });
});
