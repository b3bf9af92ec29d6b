import { strict as assert } from 'node:assert';
import { toPromQL } from '../../../src/core/metrics/promql';
import { trafficQueries } from '../../../src/core/metrics/queries';

const SRC = 'namespace, deployment, statefulset, daemonset, cronjob, k8s_job, replicaset, replicationcontroller';
const DST = 'dst_namespace, dst_deployment, dst_statefulset, dst_daemonset, dst_cronjob, dst_k8s_job, dst_replicaset, dst_replicationcontroller';

describe('PromQL for the traffic queries', () => {
  const q = trafficQueries(60);

  it('asks for open outbound connections per workload pair, like viz edges', () => {
    assert.equal(toPromQL(q.edges.connections), `sum(tcp_open_connections{direction="outbound", dst_namespace!="", peer="dst"}) by (${SRC}, ${DST}, tls, no_tls_reason, server_id)`);
  });

  it('counts responses with increase over the window, split by classification, like viz stat', () => {
    assert.equal(toPromQL(q.edges.responses), `sum(increase(response_total{direction="outbound", dst_namespace!=""}[60s])) by (${SRC}, ${DST}, tls, no_tls_reason, classification)`);
    assert.equal(toPromQL(q.inbound.responses), `sum(increase(response_total{direction="inbound"}[60s])) by (${SRC}, classification)`);
  });

  it('takes latency quantiles over irate of the buckets, like viz stat', () => {
    assert.equal(toPromQL(q.inbound.latency.p95), `histogram_quantile(0.95, sum(irate(response_latency_ms_bucket{direction="inbound"}[60s])) by (le, ${SRC}))`);
    assert.equal(toPromQL(trafficQueries(300).edges.latency.p99), `histogram_quantile(0.99, sum(irate(response_latency_ms_bucket{direction="outbound", dst_namespace!=""}[300s])) by (le, ${SRC}, ${DST}))`);
  });

  it('leaves kubelet probes out of the unmeshed callers', () => {
    assert.equal(toPromQL(q.unmeshedCallers.responses), `sum(increase(response_total{direction="inbound", no_tls_reason="no_tls_from_remote", route_name!="probe"}[60s])) by (${SRC}, tls, no_tls_reason, classification)`);
  });

  it('quotes label values so that cluster-provided text cannot change the query', () => {
    const spec = { fn: 'sum', metric: 'm', matchers: [{ label: 'namespace', op: '=', value: 'a"} or vector(1) #\\' }], by: ['namespace'] } as const;
    assert.equal(toPromQL(spec), 'sum(m{namespace="a\\"} or vector(1) #\\\\"}) by (namespace)');
  });
});
