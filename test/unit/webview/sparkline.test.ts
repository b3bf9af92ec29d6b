import { strict as assert } from 'node:assert';
import { sparklinePath, sparklineText } from '../../../webview/traffic/sparklinePath';

const size = { width: 62, height: 18 };

/** The points of a path as [x, y] pairs per run (M starts a run). */
function runs(d: string): number[][][] {
  return d.split('M').filter(Boolean).map((run) => run.replace(/h0\.5$/, '').split('L').map((p) => p.trim().split(' ').map(Number)));
}

describe('sparklines', () => {
  it('draws time across the width and the values across the height, highest at the top', () => {
    const d = sparklinePath([0, 50, 100], [1, 3, 2], size, 0, 100);
    assert.deepEqual(runs(d), [[[1, 17], [31, 1], [61, 9]]]);
  });

  it('breaks the line where a value is missing and draws a lone point as a dot', () => {
    const d = sparklinePath([0, 25, 50, 75, 100], [1, NaN, 2, 3, NaN], size, 0, 100);
    assert.equal(runs(d).length, 2);
    assert.match(sparklinePath([0, 50], [NaN, 4], size, 0, 100), /^M31 9\.0h0\.5$/);
  });

  it('keeps at most one point per pixel column, so a long history stays a short path', () => {
    const times = Array.from({ length: 450 }, (_, i) => i);
    const d = sparklinePath(times, times.map((t) => Math.sin(t)), size, 0, 449);
    assert.ok(runs(d)[0].length <= size.width, `${runs(d)[0].length} points`);
  });

  it('is empty without values, and flat in the middle when they do not change', () => {
    assert.equal(sparklinePath([0, 1], [NaN, NaN], size, 0, 1), '');
    assert.deepEqual(runs(sparklinePath([0, 100], [5, 5], size, 0, 100)), [[[1, 9], [61, 9]]]);
  });

  it('says what it shows in words', () => {
    const series = { times: [0, 15 * 60_000], rps: [3.1, 4], success: [1, 0.95], p99: [NaN, NaN] };
    assert.equal(sparklineText('rps', series), 'requests per second 3.1 rps → 4.0 rps over 15 min');
    assert.equal(sparklineText('success', series), 'success rate 100% → 95.0% over 15 min');
    assert.equal(sparklineText('p99', series), 'p99 latency: no data yet');
    assert.equal(sparklineText('rps', { ...series, times: [0, 40_000] }), 'requests per second 3.1 rps → 4.0 rps over 40 s');
  });
});
