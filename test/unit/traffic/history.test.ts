import { strict as assert } from 'node:assert';
import { edgeKey, HISTORY_MS, MAX_FRAMES, nodeKey, recordSnapshot, snapshotValues, TrafficHistory } from '../../../src/core/traffic/history';
import { isHostToWebview } from '../../../src/shared/trafficProtocol';
import { emojivoto } from '../webview/fixtures';

const S = 1000;
const MIN = 60 * S;
const one = (key: string, rps: number): Map<string, readonly [number, number, number]> => new Map([[key, [rps, 1, 10] as const]]);

describe('traffic history', () => {
  it('keeps one frame per poll, oldest first, with NaN where the series had no value', () => {
    const h = new TrafficHistory(10);
    h.record('ctx', 10 * S, one('a', 1));
    h.record('ctx', 20 * S, one('b', 2));
    h.record('ctx', 30 * S, new Map([['a', [3, 0.5, 20] as const], ['b', [4, 1, 5] as const]]));
    assert.deepEqual(h.get('a'), { times: [10 * S, 20 * S, 30 * S], rps: [1, NaN, 3], success: [1, NaN, 0.5], p99: [10, NaN, 20] });
    assert.deepEqual(h.get('b')?.rps, [NaN, 2, 4]);
    assert.equal(h.get('c'), undefined);
  });

  it('ignores a poll it already holds and replaces the latest within one frame bucket', () => {
    const h = new TrafficHistory(2); // faster than a 10 s frame
    h.record('ctx', 100 * S, one('a', 1));
    h.record('ctx', 100 * S, one('a', 9)); // the same poll again (a page's copy getting the snapshot it has)
    h.record('ctx', 90 * S, one('a', 9));
    assert.deepEqual(h.get('a')?.rps, [1]);
    h.record('ctx', 102 * S, one('a', 2));
    assert.deepEqual(h.get('a'), { times: [102 * S], rps: [2], success: [1], p99: [10] });
    h.record('ctx', 110 * S, one('a', 3));
    assert.deepEqual(h.get('a')?.rps, [2, 3]);
  });

  it('keeps 15 minutes: older frames age out, and so does an edge gone for that long', () => {
    const h = new TrafficHistory(5);
    for (let t = 0; t <= 20 * MIN; t += 5 * S) h.record('ctx', t, t < 2 * MIN ? new Map([...one('gone', 1), ...one('a', t)]) : one('a', t));
    const a = h.get('a')!;
    assert.equal(a.times[a.times.length - 1], 20 * MIN);
    assert.ok(a.times[0] >= 20 * MIN - HISTORY_MS, 'nothing older than 15 minutes');
    assert.equal(h.earliest, a.times[0]);
    assert.equal(a.times.length, MAX_FRAMES + 1, 'polls every 5 s, kept one per 10 s');
    assert.equal(h.get('gone'), undefined, 'an edge not seen for 15 minutes is dropped');
    assert.equal(h.size, 1);
  });

  it('keeps a disappeared edge until it ages out, across a pause too', () => {
    const h = new TrafficHistory(5);
    h.record('ctx', 0, new Map([...one('gone', 1), ...one('a', 1)]));
    h.record('ctx', 5 * MIN, one('a', 1));
    assert.deepEqual(h.get('gone')?.rps, [1, NaN]);
    // Paused for 20 minutes: one poll later everything before it is older than 15 minutes.
    h.record('ctx', 25 * MIN, one('a', 2));
    assert.equal(h.get('gone'), undefined);
    assert.deepEqual(h.get('a'), { times: [25 * MIN], rps: [2], success: [1], p99: [10] });
  });

  it('starts over on another context', () => {
    const h = new TrafficHistory(5);
    h.record('one', 0, one('a', 1));
    h.record('two', 5 * S, one('b', 1));
    assert.equal(h.get('a'), undefined);
    assert.deepEqual(h.get('b')?.rps, [1]);
  });

  it('is bounded: never more than MAX_FRAMES frames per series, whatever the interval', () => {
    for (const interval of [2, 5, 60]) {
      const h = new TrafficHistory(interval);
      for (let t = 0; t <= 30 * MIN; t += interval * S) h.record('ctx', t, one('a', t));
      assert.ok(h.get('a')!.times.length <= MAX_FRAMES + 1, `interval ${interval}`);
      assert.ok(h.get('a')!.times.length >= Math.min(MAX_FRAMES, HISTORY_MS / (interval * S)), `interval ${interval} keeps its 15 minutes`);
    }
  });

  it('travels as one checked message and rebuilds the same history on the page, which then records the same polls', () => {
    const host = new TrafficHistory(5);
    for (let i = 0; i < 10; i++) recordSnapshot(host, emojivoto(1000 + i * 10 * S));
    const state = host.toState();
    assert.ok(isHostToWebview({ type: 'history', history: state }));
    assert.ok(!isHostToWebview({ type: 'history', history: { ...state, values: state.values.subarray(1) } }));
    const page = TrafficHistory.fromState(state);
    const next = emojivoto(1000 + 10 * 10 * S);
    recordSnapshot(host, next);
    recordSnapshot(page, next);
    recordSnapshot(page, next); // the replayed snapshot after the history: no second frame
    const edge = edgeKey(next.edges[0].id);
    assert.deepEqual(page.get(edge), host.get(edge));
    assert.equal(page.get(edge)!.times.length, 11);
  });

  describe('mergePast', () => {
    const frames = (from: number, to: number, step: number, key = 'a') => {
      const out = [];
      for (let t = from; t <= to; t += step) out.push({ at: t, values: one(key, t / S) });
      return out;
    };

    it('puts the past before the live frames, skipping what overlaps them, and counts the merge', () => {
      const h = new TrafficHistory(10);
      h.record('ctx', 20 * MIN, one('a', 1));
      h.record('ctx', 20 * MIN + 10 * S, new Map([...one('a', 2), ...one('live', 5)]));
      assert.equal(h.version, 0);
      // Prometheus's steps up to the first poll's time; the last is the poll's own frame and a later one is not past.
      assert.ok(h.mergePast('ctx', [...frames(19 * MIN, 20 * MIN, 10 * S), { at: 20 * MIN + 5 * S, values: one('a', 99) }]));
      assert.equal(h.version, 1);
      const a = h.get('a')!;
      assert.deepEqual(a.times, [...frames(19 * MIN, 20 * MIN - 10 * S, 10 * S).map((f) => f.at), 20 * MIN, 20 * MIN + 10 * S]);
      assert.deepEqual(a.rps, [...frames(19 * MIN, 20 * MIN - 10 * S, 10 * S).map((f) => f.at / S), 1, 2]);
      assert.deepEqual(h.get('live')?.rps, [NaN, NaN, NaN, NaN, NaN, NaN, NaN, 5], 'a series only the polls had');
      assert.equal(h.earliest, 19 * MIN);
    });

    it('keeps its bounds: 15 minutes before the latest frame, one frame per bucket, the ring size', () => {
      const h = new TrafficHistory(5);
      h.record('ctx', 60 * MIN, one('a', 1));
      // A past every 5 s (finer than a frame) over 30 minutes.
      assert.ok(h.mergePast('ctx', frames(30 * MIN, 60 * MIN - 5 * S, 5 * S)));
      const a = h.get('a')!;
      assert.ok(a.times[0] >= 60 * MIN - HISTORY_MS, 'nothing older than 15 minutes');
      assert.ok(a.times.length <= MAX_FRAMES + 1, `${a.times.length} frames`);
      assert.ok(a.times.every((t, i) => i === 0 || Math.floor(t / (10 * S)) !== Math.floor(a.times[i - 1] / (10 * S))), 'one frame per 10 s bucket');
      assert.equal(a.times[a.times.length - 1], 60 * MIN);
      assert.equal(a.rps[a.rps.length - 1], 1, 'the live frame is kept as it was');
    });

    it('merges nothing into another context, an empty history, or a past no older than the polls', () => {
      const h = new TrafficHistory(10);
      assert.ok(!h.mergePast('ctx', frames(0, MIN, 10 * S)), 'no polls yet');
      h.record('ctx', 20 * MIN, one('a', 1));
      assert.ok(!h.mergePast('other', frames(19 * MIN, 20 * MIN - 10 * S, 10 * S)), 'another context');
      assert.ok(!h.mergePast('ctx', frames(20 * MIN, 21 * MIN, 10 * S)), 'nothing older than the polls');
      assert.deepEqual(h.get('a'), { times: [20 * MIN], rps: [1], success: [1], p99: [10] });
      assert.equal(h.version, 0);
    });

    it('reaches a page whole through toState, and the page goes on recording polls after it', () => {
      const host = new TrafficHistory(10);
      host.record('ctx', 20 * MIN, one('a', 1));
      host.mergePast('ctx', frames(15 * MIN, 20 * MIN - 10 * S, 10 * S));
      const page = TrafficHistory.fromState(host.toState());
      for (const h of [host, page]) h.record('ctx', 20 * MIN + 10 * S, one('a', 2));
      assert.deepEqual(page.get('a'), host.get('a'));
      assert.equal(page.get('a')!.times.length, 32);
    });
  });

  it('adds up a workload from its callers: requests summed, success weighted, p99 the slowest caller', () => {
    const s = emojivoto(1);
    const web = s.nodes[1];
    const callers = s.edges.filter((e) => e.target === web.id);
    const [rps, success, p99] = snapshotValues(s).get(nodeKey(web.id))!;
    assert.equal(rps, callers.reduce((sum, e) => sum + e.requestsPerSecond, 0));
    assert.equal(success, 1);
    assert.equal(p99, Math.max(...callers.map((e) => e.latencyMs!.p99!)));
    const idle = s.nodes.find((n) => !s.edges.some((e) => e.target === n.id))!;
    assert.deepEqual(snapshotValues(s).get(nodeKey(idle.id)), [0, NaN, NaN]);
  });
});
