import assert from 'node:assert/strict';
import type { Pod } from '../../sim/cluster/podTypes';
import { proxyMetrics } from '../../sim/linkerd/metrics';
import { startSimulator, until, type Simulator } from '../../sim/simulator';
import { LATENCY_BUCKETS_MS } from '../../sim/traffic/model';
import { isReady } from '../../sim/cluster/workloads';
import { kubectlOk, requireKubectl } from './kubectl';

interface Sample {
  name: string;
  labels: Record<string, string>;
  labelOrder: string[];
  value: number;
}

/** A strict reader of the text exposition: every line is a comment or `name{labels} value`. */
function parse(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.trimEnd().split('\n')) {
    const type = /^# TYPE (\S+) (counter|gauge|histogram)$/.exec(line);
    if (type) types.set(type[1], type[2]);
    if (line.startsWith('#')) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (-?\d+(?:\.\d+)?)$/.exec(line);
    assert.ok(m, `not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    const labelOrder: string[] = [];
    for (const [, key, value] of (m[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key] = value;
      labelOrder.push(key);
    }
    samples.push({ name: m[1], labels, labelOrder, value: Number(m[3]) });
  }
  return { samples, types };
}

describe('simulated proxy metrics', function () {
  this.timeout(60_000);
  let sim: Simulator;
  // The pods of a Deployment: their ReplicaSet is named after it, plus a hash without dashes.
  const podOf = (deployment: string, namespace = deployment === 'legacy-client' ? 'legacy' : 'emojivoto') =>
    sim.api.list(sim.api.typeOf('Pod'), namespace).find((p) => p.metadata.ownerReferences?.some((o) => o.name.slice(0, o.name.lastIndexOf('-')) === deployment)) as Pod;
  const at = (pod: Pod, secondsAfterStart: number) => {
    const started = (pod.status!.initContainerStatuses as { name: string; state: { running: { startedAt: string } } }[]).find((s) => s.name === 'linkerd-proxy')!.state.running.startedAt;
    return parse(proxyMetrics(pod, { ...sim.traffic.context(), now: new Date(Date.parse(started) + secondsAfterStart * 1000) }));
  };
  const find = (samples: Sample[], name: string, labels: Record<string, string>) => samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

  before(async () => {
    requireKubectl();
    sim = await startSimulator({ linkerd: 'installed', readinessDelayMs: 20 });
    await until(sim.api, () => ['web', 'voting', 'emoji', 'vote-bot', 'legacy-client'].every((app) => podOf(app) && isReady(podOf(app))));
  });
  after(() => sim?.close());

  it('serves the exposition on the admin port through the pod proxy', async () => {
    const pod = podOf('web').metadata.name!;
    const text = await kubectlOk(sim, ['get', '--raw', `/api/v1/namespaces/emojivoto/pods/${pod}:4191/proxy/metrics`]);
    const { types } = parse(text);
    assert.equal(types.get('request_total'), 'counter');
    assert.equal(types.get('response_total'), 'counter');
    assert.equal(types.get('response_latency_ms'), 'histogram');
    assert.equal(types.get('tcp_open_connections'), 'gauge');
    assert.equal(types.get('tcp_open_total'), 'counter');
    assert.equal(await kubectlOk(sim, ['get', '--raw', `/api/v1/namespaces/emojivoto/pods/${pod}:linkerd-admin/proxy/ready`]), 'ready\n');
  });

  it('labels outbound meshed traffic with the server identity and alphabetical dst_* labels', () => {
    const { samples } = at(podOf('web'), 100);
    const [series] = find(samples, 'request_total', { direction: 'outbound', dst_deployment: 'voting' });
    assert.equal(series.labels.authority, 'voting-svc.emojivoto.svc.cluster.local:8080');
    assert.equal(series.labels.tls, 'true');
    assert.equal(series.labels.server_id, 'voting.emojivoto.serviceaccount.identity.linkerd.cluster.local');
    assert.equal(series.labels.target_addr, `${podOf('voting').status!.podIP}:8080`);
    const dst = series.labelOrder.filter((k) => k.startsWith('dst_'));
    assert.deepEqual(dst, [...dst].sort());
    assert.deepEqual(series.labelOrder.slice(0, 6), ['direction', 'authority', 'target_addr', 'target_ip', 'target_port', 'tls']);
    assert.equal(series.labels.dst_pod, podOf('voting').metadata.name);
  });

  it('reports the unmeshed legacy client as inbound traffic without TLS', () => {
    const { samples } = at(podOf('web'), 100);
    const plain = find(samples, 'request_total', { direction: 'inbound', tls: 'no_identity' });
    assert.equal(plain.length, 1);
    assert.equal(plain[0].labels.no_tls_reason, 'no_tls_from_remote');
    const meshed = find(samples, 'request_total', { direction: 'inbound', tls: 'true' });
    assert.equal(meshed[0].labels.client_id, 'vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local');
    assert.equal(meshed[0].labels.srv_name, 'all-unauthenticated');
  });

  it('reports calls to an unmeshed destination with no_tls_reason and no control-plane label', () => {
    sim.traffic.add([{ namespace: 'emojivoto', from: 'web', to: 'legacy-client', toNamespace: 'legacy', service: 'legacy-svc', servicePort: 8080, targetPort: 8080, rps: 1, successRate: 1, latency: { p50: 5, p99: 20 } }]);
    const [series] = find(at(podOf('web'), 100).samples, 'tcp_open_connections', { direction: 'outbound', peer: 'dst', dst_deployment: 'legacy-client' });
    assert.equal(series.labels.tls, 'no_identity');
    assert.equal(series.labels.no_tls_reason, 'not_provided_by_service_discovery');
    assert.equal(series.labels.dst_control_plane_ns, undefined);
    assert.equal(series.value, 1);
  });

  it('counts requests from the configured rate, with about a fifth of voting calls failing', () => {
    const { samples } = at(podOf('web'), 1000);
    const [requests] = find(samples, 'request_total', { direction: 'outbound', dst_deployment: 'voting' });
    // 3 requests/s from web's two replicas: each sends half of them.
    assert.equal(requests.value, 1500);
    const outcomes = find(samples, 'response_total', { direction: 'outbound', dst_deployment: 'voting' });
    const failure = outcomes.find((s) => s.labels.classification === 'failure')!;
    const success = outcomes.find((s) => s.labels.classification === 'success')!;
    assert.equal(failure.value + success.value, requests.value);
    assert.equal(Math.round((failure.value / requests.value) * 100), 20);
    assert.equal(failure.labels.grpc_status, '2');
    assert.equal(success.labels.grpc_status, '0');
  });

  it('keeps histogram buckets cumulative, ending at the count', () => {
    const { samples } = at(podOf('web'), 500);
    const labels = { direction: 'outbound', dst_deployment: 'emoji', status_code: '200' };
    const buckets = find(samples, 'response_latency_ms_bucket', labels);
    assert.deepEqual(buckets.map((b) => b.labels.le), [...LATENCY_BUCKETS_MS.map(String), '+Inf']);
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value);
    const [count] = find(samples, 'response_latency_ms_count', labels);
    assert.equal(buckets[buckets.length - 1].value, count.value);
    assert.ok(buckets[0].value < count.value, 'some requests take longer than 1 ms');
  });

  it('grows counters with time and resets them when the pod restarts', () => {
    const pod = podOf('voting');
    const inbound = (s: Sample[]) => find(s, 'request_total', { direction: 'inbound' })[0].value;
    const early = inbound(at(pod, 60).samples);
    const late = inbound(at(pod, 120).samples);
    assert.ok(late > early && early > 0);
    const started = Date.parse((pod.status!.initContainerStatuses as { name: string; state: { running: { startedAt: string } } }[])[1].state.running.startedAt);
    sim.kubelet.restart(pod, new Date(started + 100_000));
    const restarted = podOf('voting');
    const statuses = restarted.status!.initContainerStatuses as { name: string; restartCount: number }[];
    assert.equal(statuses.find((s) => s.name === 'linkerd-proxy')!.restartCount, 1);
    const afterRestart = inbound(parse(proxyMetrics(restarted, { ...sim.traffic.context(), now: new Date(started + 120_000) })).samples);
    assert.equal(afterRestart, Math.floor((late * 20) / 120));
  });
});
