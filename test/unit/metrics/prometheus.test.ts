import { strict as assert } from 'node:assert';
import { prometheusModel, type PrometheusQuery } from '../../../src/core/metrics/prometheus';
import { PrometheusError, vectorFromResponse } from '../../../src/core/metrics/promResponse';

const vector = (result: unknown[]) => ({ status: 'success', data: { resultType: 'vector', result } });

describe('vectorFromResponse', () => {
  it('reads labels and values, including NaN and infinities', () => {
    const v = vectorFromResponse('q', vector([
      { metric: { deployment: 'web' }, value: [1764000060.5, '11'] },
      { metric: {}, value: [1764000060.5, 'NaN'] },
      { metric: { le: '+Inf' }, value: [1764000060.5, '+Inf'] },
    ]));
    assert.deepEqual(v.map((s) => s.labels), [{ deployment: 'web' }, {}, { le: '+Inf' }]);
    assert.equal(v[0].value, 11);
    assert.ok(Number.isNaN(v[1].value));
    assert.equal(v[2].value, Infinity);
  });

  it('turns a Prometheus error into a PrometheusError carrying the query', () => {
    const body = { status: 'error', errorType: 'bad_data', error: 'parse error at char 5' };
    assert.throws(() => vectorFromResponse('sum(x', body), (e: unknown) => e instanceof PrometheusError && e.promql === 'sum(x' && /bad_data.*parse error at char 5/.test(e.message));
  });

  it('rejects answers that are not instant vectors of well-formed samples', () => {
    assert.throws(() => vectorFromResponse('q', 'oops'), /not a JSON object/);
    assert.throws(() => vectorFromResponse('q', { status: 'success', data: { resultType: 'matrix', result: [] } }), /got matrix/);
    assert.throws(() => vectorFromResponse('q', vector([{ metric: { a: 1 }, value: [0, '1'] }])), /Result 0/);
    assert.throws(() => vectorFromResponse('q', vector([{ metric: {}, value: [0, 'many'] }])), /Result 0/);
  });
});

describe('prometheusModel', () => {
  it('builds edges from hand-written Prometheus answers', async () => {
    const pair = { namespace: 'shop', deployment: 'front', dst_namespace: 'shop', dst_deployment: 'cart' };
    const prometheus: Pick<PrometheusQuery, 'query'> = {
      query(promql) {
        if (promql.startsWith('sum(tcp_open_connections{direction="outbound"')) return Promise.resolve(vector([{ metric: { ...pair, tls: 'true', server_id: 'cart.shop.serviceaccount.identity.linkerd.cluster.local' }, value: [0, '3'] }]));
        if (promql.startsWith('sum(increase(response_total{direction="outbound"')) {
          return Promise.resolve(vector([
            { metric: { ...pair, tls: 'true', classification: 'success' }, value: [0, '114'] },
            { metric: { ...pair, tls: 'true', classification: 'failure' }, value: [0, '6'] },
          ]));
        }
        // Bucket rates by le: half of the requests within 5 ms, all within 10 ms, so p50 is 5 ms and p95 9.5 ms.
        if (promql.startsWith('sum(irate(response_latency_ms_bucket{direction="outbound"')) {
          return Promise.resolve(vector([{ metric: { ...pair, le: '5' }, value: [0, '1'] }, { metric: { ...pair, le: '10' }, value: [0, '2'] }, { metric: { ...pair, le: '+Inf' }, value: [0, '2'] }]));
        }
        return Promise.resolve(vector([]));
      },
    };
    const model = await prometheusModel(prometheus, [], { windowSeconds: 60 });
    assert.equal(model.edges.length, 1);
    const [edge] = model.edges;
    assert.deepEqual([edge.source, edge.destination], ['shop/Deployment/front', 'shop/Deployment/cart']);
    assert.deepEqual([edge.requestsPerSecond, edge.successRate, edge.latencyMs, edge.openConnections], [2, 0.95, { p50: 5, p95: 9.5, p99: 9.9 }, 3]);
    assert.equal(edge.serverIdentity, 'cart.shop.serviceaccount.identity.linkerd.cluster.local');
    // No pods were given, so both ends are known from traffic only: the caller runs a proxy, and so does a TLS server.
    assert.deepEqual(model.nodes.map((n) => [n.id, n.meshed, n.totalPods]), [['shop/Deployment/cart', true, 0], ['shop/Deployment/front', true, 0]]);
  });
});
