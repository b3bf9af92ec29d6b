import { strict as assert } from 'node:assert';
import { histogramQuantile } from '../../../src/core/metrics/quantile';

const b = (pairs: Array<[number, number]>) => pairs.map(([le, count]) => ({ le, count }));
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);

describe('histogramQuantile', () => {
  // 4870 of 5040 responses within 5 ms, 4990 within 10 ms.
  const linkerd = b([[5, 4870], [10, 4990], [Infinity, 5040]]);

  it('interpolates from 0 inside the first bucket', () => {
    // rank 0.5 * 5040 = 2520, in (0, 5]: 5 * 2520 / 4870
    close(histogramQuantile(0.5, linkerd), (5 * 2520) / 4870);
  });

  it('interpolates inside a middle bucket from its lower bound', () => {
    // rank 4989.6: (5, 10] holds 120, rank inside it 119.6 → 5 + 5 * 119.6 / 120
    close(histogramQuantile(0.99, linkerd), 5 + (5 * 119.6) / 120);
  });

  it('returns the highest finite bound when the rank falls in the +Inf bucket', () => {
    assert.equal(histogramQuantile(0.999, linkerd), 10);
    assert.equal(histogramQuantile(1, linkerd), 10);
  });

  it('sorts buckets given in any order', () => {
    close(histogramQuantile(0.5, [...linkerd].reverse()), (5 * 2520) / 4870);
  });

  it('adds up buckets with the same bound (series summed from several pods)', () => {
    // coalesced to (1: 5), (+Inf: 10): rank 5 → 1 * 5 / 5
    assert.equal(histogramQuantile(0.5, b([[1, 3], [1, 2], [Infinity, 10]])), 1);
  });

  it('forces monotonic counts before searching', () => {
    // (1: 10), (2: 8 → 10), (+Inf: 12); rank 10.8 is beyond both finite buckets
    assert.equal(histogramQuantile(0.9, b([[1, 10], [2, 8], [Infinity, 12]])), 2);
    assert.equal(histogramQuantile(0.5, b([[1, 10], [2, 8], [Infinity, 12]])), 0.6);
  });

  it('returns the bound of a first bucket at or below zero', () => {
    assert.equal(histogramQuantile(0.25, b([[-1, 10], [Infinity, 20]])), -1);
  });

  it('follows Prometheus on the edge cases', () => {
    assert.ok(Number.isNaN(histogramQuantile(0.5, b([[5, 1], [10, 2]]))), 'no +Inf bucket');
    assert.ok(Number.isNaN(histogramQuantile(0.5, b([[Infinity, 4]]))), 'only +Inf');
    assert.ok(Number.isNaN(histogramQuantile(0.5, b([[5, 0], [Infinity, 0]]))), 'no observations');
    assert.ok(Number.isNaN(histogramQuantile(0.5, [])), 'no buckets');
    assert.ok(Number.isNaN(histogramQuantile(NaN, linkerd)));
    assert.equal(histogramQuantile(-0.1, linkerd), -Infinity);
    assert.equal(histogramQuantile(1.1, linkerd), Infinity);
  });

  it('flattens float noise between neighbouring counts', () => {
    // 10 and 10 + 1e-12 relative noise are the same count, so the rank 10 lands in the first bucket.
    assert.equal(histogramQuantile(0.5, b([[1, 10], [2, 10 * (1 + 1e-13)], [Infinity, 20]])), 1);
  });

  it('does not modify its input', () => {
    const input = b([[2, 8], [1, 10], [Infinity, 12]]);
    const copy = JSON.stringify(input);
    histogramQuantile(0.5, input);
    assert.equal(JSON.stringify(input), copy);
  });
});
