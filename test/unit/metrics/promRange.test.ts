import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { prometheusModel, prometheusModelsOver, type PrometheusQuery } from '../../../src/core/metrics/prometheus';
import { matrixFromResponse, PrometheusError, vectorsByStep } from '../../../src/core/metrics/promResponse';
import { prometheusAt } from '../../../src/core/traffic/prometheusSource';

const matrix = (result: unknown[]) => ({ status: 'success', data: { resultType: 'matrix', result } });
const vector = (result: unknown[]) => ({ status: 'success', data: { resultType: 'vector', result } });

// The answer Prometheus's HTTP API documentation gives for
// `query_range?query=up&start=2015-07-01T20:10:30.781Z&end=2015-07-01T20:11:00.781Z&step=15s`.
const DOCUMENTED = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      { metric: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' }, values: [[1435781430.781, '1'], [1435781445.781, '1'], [1435781460.781, '1']] },
      { metric: { __name__: 'up', job: 'node', instance: 'localhost:9091' }, values: [[1435781460.781, '0']] },
    ],
  },
};
const START = 1435781430.781;

describe('matrixFromResponse', () => {
  it('reads the documented range answer: labels, and each series its samples at their times', () => {
    const m = matrixFromResponse('up', DOCUMENTED);
    assert.deepEqual(m.map((s) => s.labels.job), ['prometheus', 'node']);
    assert.deepEqual(m[0].samples, [[1435781430.781, 1], [1435781445.781, 1], [1435781460.781, 1]]);
    assert.deepEqual(m[1].samples, [[1435781460.781, 0]]);
  });

  it('says which query, result and sample it could not read', () => {
    const body = { status: 'error', errorType: 'bad_data', error: 'exceeded maximum resolution of 11,000 points per timeseries' };
    assert.throws(() => matrixFromResponse('up', body), (e: unknown) => e instanceof PrometheusError && e.promql === 'up' && /bad_data.*11,000 points/.test(e.message));
    assert.throws(() => matrixFromResponse('up', vector([])), /Expected a range matrix from Prometheus, got vector/);
    assert.throws(() => matrixFromResponse('up', matrix([{ metric: {}, value: [0, '1'] }])), /Result 0 .*values/);
    assert.throws(() => matrixFromResponse('up', matrix([{ metric: {}, values: [] }, { metric: {}, values: [[0, '1'], [15, 2]] }])), /Sample 1 of result 1/);
    assert.throws(() => matrixFromResponse('up', matrix([{ metric: {}, values: [['0', '1']] }])), /Sample 0 of result 0/);
  });
});

describe('vectorsByStep', () => {
  it('gives each step the series that had a value then, as an instant query at that time would', () => {
    const steps = vectorsByStep('up', matrixFromResponse('up', DOCUMENTED), START, 15, 3);
    assert.deepEqual(steps.map((v) => v.map((s) => [s.labels.job, s.value])), [[['prometheus', 1]], [['prometheus', 1]], [['prometheus', 1], ['node', 0]]]);
  });

  it('refuses a sample that is not at a step of the range', () => {
    const m = matrixFromResponse('up', DOCUMENTED);
    assert.throws(() => vectorsByStep('up', m, START + 5, 15, 3), (e: unknown) => e instanceof PrometheusError && /Result 0 .*1435781430\.781.*not a step/.test(e.message));
    assert.throws(() => vectorsByStep('up', m, START, 15, 2), /Result 0 .*1435781460\.781/, 'a step past the range');
  });
});

describe('prometheusModelsOver', () => {
  const pair = { namespace: 'shop', deployment: 'front', dst_namespace: 'shop', dst_deployment: 'cart' };
  const T0 = 1_764_000_000;

  it('assembles one model per step from range answers, as prometheusModel would have read at each step', async () => {
    const asked: string[] = [];
    // front → cart answers 60 requests per window at the first step and 120 at the third, none at the second;
    // p99 comes from Prometheus's own histogram_quantile.
    const prometheus: Pick<PrometheusQuery, 'queryRange'> = {
      queryRange(promql, start, end, step) {
        asked.push(promql);
        assert.deepEqual([start, end, step], [T0, T0 + 25, 10]);
        if (promql.startsWith('sum(increase(response_total{direction="outbound"')) {
          return Promise.resolve(matrix([
            { metric: { ...pair, tls: 'true', classification: 'success' }, values: [[T0, '60'], [T0 + 20, '108']] },
            { metric: { ...pair, tls: 'true', classification: 'failure' }, values: [[T0 + 20, '12']] },
          ]));
        }
        if (promql.startsWith('histogram_quantile(0.99, sum(irate(response_latency_ms_bucket{direction="outbound"')) {
          return Promise.resolve(matrix([{ metric: pair, values: [[T0, '40'], [T0 + 20, 'NaN']] }]));
        }
        return Promise.resolve(matrix([]));
      },
    };
    const steps = await prometheusModelsOver(prometheus, [], { start: T0, end: T0 + 25, stepSeconds: 10, windowSeconds: 60 });
    assert.deepEqual(steps.map((s) => s.at), [T0, T0 + 10, T0 + 20]);
    const edges = steps.map((s) => s.model.edges.map((e) => [e.id, e.requestsPerSecond, e.successRate, e.latencyMs.p99]));
    assert.deepEqual(edges, [[['shop/Deployment/front -> shop/Deployment/cart', 1, 1, 40]], [], [['shop/Deployment/front -> shop/Deployment/cart', 2, 0.9, null]]]);
    // Per view its connections, responses and p99; one per authorization family (refused edges come from them).
    assert.ok(!asked.some((q) => /statuses_total|request_duration|histogram_quantile\(0\.(5|95),|^sum\(irate/.test(q)), `only what the history draws is asked:\n${asked.join('\n')}`);
    assert.equal(new Set(asked).size, 3 * 3 + 6, 'each query once');
    assert.equal(asked.length, 3 * 3 + 6);

    // The first step's answers as instant queries give the same model (bucket rates aside: p99 was Prometheus's above).
    const instant = await prometheusModel({
      async query(promql) {
        if (promql.startsWith('sum(irate(')) return vector([]);
        const [first] = vectorsByStep(promql, matrixFromResponse(promql, await prometheus.queryRange(promql, T0, T0 + 25, 10)), T0, 10, 3);
        return vector(first.map((s) => ({ metric: s.labels, value: [T0, String(s.value)] })));
      },
    }, [], { windowSeconds: 60 });
    assert.deepEqual(instant.edges.map((e) => [e.id, e.requestsPerSecond, e.successRate]), [edges[0][0].slice(0, 3)]);
    assert.deepEqual(instant.nodes.map((n) => n.id), steps[0].model.nodes.map((n) => n.id));
  });
});

describe('prometheusModelsOver steps', () => {
  it('counts the steps of 15 minutes as Prometheus does, both ends included, from times with milliseconds', async () => {
    const empty: Pick<PrometheusQuery, 'queryRange'> = { queryRange: () => Promise.resolve(matrix([])) };
    for (const endMs of [1_764_989_223_456, 1_764_989_223_457, 1_764_000_000_001, 1_435_781_460_781]) {
      const steps = await prometheusModelsOver(empty, [], { start: (endMs - 900_000) / 1000, end: endMs / 1000, stepSeconds: 10 });
      assert.equal(steps.length, 91, `ending at ${endMs}`);
      assert.equal(Math.round(steps[90].at * 1000), endMs);
    }
  });
});

describe('Prometheus queries over HTTP (prometheusAt)', () => {
  it('sends GET /api/v1/query_range with query, start, end and step, and /api/v1/query with time', async () => {
    const seen: URL[] = [];
    const server = createServer((req, res) => {
      seen.push(new URL(req.url ?? '', 'http://x'));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(seen[seen.length - 1].pathname.endsWith('query_range') ? DOCUMENTED : vector([])));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const prometheus = prometheusAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}/prom`, new AbortController().signal);
      assert.deepEqual(await prometheus.queryRange('sum(up) by (job)', START, START + 30, 15), DOCUMENTED);
      await prometheus.query('up', 1435781460.781);
      assert.deepEqual(seen.map((u) => [u.pathname, Object.fromEntries(u.searchParams)]), [
        ['/prom/api/v1/query_range', { query: 'sum(up) by (job)', start: '1435781430.781', end: '1435781460.781', step: '15' }],
        ['/prom/api/v1/query', { query: 'up', time: '1435781460.781' }],
      ]);
    } finally {
      server.close();
    }
  });
});
