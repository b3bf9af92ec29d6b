import { strict as assert } from 'node:assert';
import { formatEdges, formatStat } from '../../../src/core/metrics/format';
import type { TrafficModel, WorkloadNode } from '../../../src/core/metrics/model';

const node = (kind: string, namespace: string, name: string, extra: Partial<WorkloadNode> = {}): WorkloadNode => ({
  id: `${namespace}/${kind}/${name}`, kind, namespace, name, meshedPods: 1, totalPods: 1, meshed: true, inbound: null, ...extra,
});

const model: TrafficModel = {
  windowSeconds: 60,
  nodes: [
    node('Deployment', 'emojivoto', 'web', { inbound: { requestsPerSecond: 9.2, successRate: 1, latencyMs: { p50: 12.4, p95: 48.6, p99: 98 }, openConnections: 2 } }),
    node('Deployment', 'emojivoto', 'voting', { meshedPods: 2, totalPods: 3 }),
    node('Deployment', 'legacy', 'legacy', { meshedPods: 0, totalPods: 2, meshed: false }),
    node('UnmeshedClients', 'emojivoto', 'unmeshed', { meshedPods: 0, totalPods: 0, meshed: false }),
  ],
  edges: [
    {
      id: 'a', source: 'emojivoto/Deployment/web', destination: 'emojivoto/Deployment/voting',
      requestsPerSecond: 11, successRate: 10 / 11, latencyMs: { p50: 4.69, p95: 14.5, p99: 18.9 }, openConnections: 2,
      mtls: { secured: true, noTlsReason: null },
      clientIdentity: 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local', serverIdentity: 'voting.emojivoto.serviceaccount.identity.linkerd.cluster.local',
    },
    {
      id: 'b', source: 'emojivoto/UnmeshedClients/unmeshed', destination: 'legacy/Deployment/legacy',
      requestsPerSecond: 0, successRate: null, latencyMs: { p50: null, p95: null, p99: null }, openConnections: 1,
      mtls: { secured: false, noTlsReason: 'no_tls_from_remote' }, clientIdentity: null, serverIdentity: null,
    },
  ],
};

describe('formatEdges', () => {
  it('prints an aligned table with trimmed identities and readable TLS reasons', () => {
    assert.equal(formatEdges(model, 'table'), [
      'SRC                  SRC_NS      DST                 DST_NS      RPS       SUCCESS   P50   P95    P99    CONN   SECURED              CLIENT_ID       SERVER_ID',
      'deployment/web       emojivoto   deployment/voting   emojivoto   11.0rps   90.91%    5ms   15ms   19ms   2      ✓                    web.emojivoto   voting.emojivoto',
      '(unmeshed clients)   emojivoto   deployment/legacy   legacy      0.0rps    -         -     -      -      1      No Tls From Remote   -               -',
      '',
    ].join('\n'));
  });

  it('prints JSON with our documented field names', () => {
    const doc = JSON.parse(formatEdges(model, 'json')) as { windowSeconds: number; edges: Array<Record<string, unknown>> };
    assert.equal(doc.windowSeconds, 60);
    assert.deepEqual(Object.keys(doc.edges[0]), ['source', 'destination', 'requestsPerSecond', 'successRate', 'latencyMs', 'openConnections', 'secured', 'noTlsReason', 'clientIdentity', 'serverIdentity', 'allowedRps', 'deniedRps', 'allowedConnectionsPerSecond', 'deniedConnectionsPerSecond']);
    assert.deepEqual(doc.edges[1].source, { kind: 'UnmeshedClients', namespace: 'emojivoto', name: 'unmeshed', meshed: false });
    assert.deepEqual([doc.edges[1].secured, doc.edges[1].noTlsReason, doc.edges[1].successRate], [false, 'no_tls_from_remote', null]);
  });

  it('gives requests and connections allowed and denied under names that carry their unit, null where not counted', () => {
    const withAuthz = { ...model, edges: [{ ...model.edges[0], authz: { connections: { allowed: 0.1, denied: 0.5 } } }, { ...model.edges[1], authz: { requests: { allowed: 2, denied: 1 } } }] };
    const doc = JSON.parse(formatEdges(withAuthz, 'json')) as { edges: Array<Record<string, unknown>> };
    const numbers = (e: Record<string, unknown>) => [e.allowedRps, e.deniedRps, e.allowedConnectionsPerSecond, e.deniedConnectionsPerSecond];
    assert.deepEqual(numbers(doc.edges[0]), [null, null, 0.1, 0.5]);
    assert.deepEqual(numbers(doc.edges[1]), [2, 1, null, null]);
  });

  it('says so when there is no traffic', () => {
    assert.equal(formatEdges({ ...model, edges: [] }, 'table'), 'No traffic between workloads in this window.\n');
  });
});

describe('formatStat', () => {
  it('prints one row per real workload with meshed pods and inbound traffic', () => {
    assert.equal(formatStat(model, 'table'), [
      'NAMESPACE   NAME                MESHED   SUCCESS   RPS      LATENCY_P50   LATENCY_P95   LATENCY_P99   TCP_CONN',
      'emojivoto   deployment/web      1/1      100.00%   9.2rps   12ms          49ms          98ms          2',
      'emojivoto   deployment/voting   2/3      -         -        -             -             -             -',
      'legacy      deployment/legacy   0/2      -         -        -             -             -             -',
      '',
    ].join('\n'));
  });

  it('prints JSON with nulls where nothing was measured', () => {
    const doc = JSON.parse(formatStat(model, 'json')) as { workloads: Array<Record<string, unknown>> };
    assert.equal(doc.workloads.length, 3);
    assert.deepEqual(doc.workloads[1], { kind: 'Deployment', namespace: 'emojivoto', name: 'voting', meshedPods: 2, totalPods: 3, requestsPerSecond: null, successRate: null, latencyMs: { p50: null, p95: null, p99: null }, openConnections: null });
  });
});
