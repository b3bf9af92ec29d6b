import { strict as assert } from 'node:assert';
import { AdaptiveLimit, mapWithConcurrency } from '../../../src/core/metrics/scrape';

/** A promise settled from outside, so tests decide when each call finishes. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('mapWithConcurrency', () => {
  it('never has more than the limit in flight and keeps input order', async () => {
    const pending = new Map<number, ReturnType<typeof deferred<string>>>();
    let inFlight = 0;
    let peak = 0;
    const run = mapWithConcurrency([1, 2, 3, 4, 5], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const d = deferred<string>();
      pending.set(n, d);
      try {
        return await d.promise;
      } finally {
        inFlight--;
      }
    });
    await tick();
    assert.deepEqual([...pending.keys()], [1, 2]);
    pending.get(2)!.resolve('two');
    await tick();
    assert.deepEqual([...pending.keys()], [1, 2, 3]);
    pending.get(1)!.reject(new Error('pod gone'));
    pending.get(3)!.resolve('three');
    await tick();
    pending.get(4)!.resolve('four');
    pending.get(5)!.resolve('five');
    const results = await run;
    assert.equal(peak, 2);
    assert.deepEqual(results.map((r) => (r.ok ? r.value : (r.error as Error).message)), ['pod gone', 'two', 'three', 'four', 'five']);
  });

  it('stops starting calls and rejects at once when aborted, even if a call ignores the signal', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = mapWithConcurrency([1, 2, 3], 1, (n) => {
      started.push(n);
      return new Promise<number>(() => undefined);
    }, controller.signal);
    await tick();
    controller.abort(new Error('panel hidden'));
    await assert.rejects(run, /panel hidden/);
    assert.deepEqual(started, [1]);
  });

  it('passes the signal to each call and refuses to start when already aborted or with no slots', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    await mapWithConcurrency([1], 4, (n, signal) => ((seen = signal), Promise.resolve(n)), controller.signal);
    assert.equal(seen, controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(mapWithConcurrency([1], 4, (n) => Promise.resolve(n), controller.signal), /stop/);
    await assert.rejects(mapWithConcurrency([1], 0, (n) => Promise.resolve(n)), RangeError);
  });

  it('returns an empty list for no items', async () => {
    assert.deepEqual(await mapWithConcurrency([], 3, (n: number) => Promise.resolve(n)), []);
  });
});

describe('AdaptiveLimit', () => {
  it('opens up while answers stay fast, backs off when they slow down or fail, within its bounds', () => {
    const limit = new AdaptiveLimit(2, 16, 4);
    for (let i = 0; i < 200; i++) limit.observe(10 + (i % 3), false);
    assert.equal(limit.limit, 16, 'fast answers raise it to the maximum');
    for (let i = 0; i < 10; i++) limit.observe(200, false);
    assert.ok(limit.limit < 8, `answers 20x slower than the fastest bring it down, to ${limit.limit}`);
    for (let i = 0; i < 100; i++) limit.observe(10, true);
    assert.equal(limit.limit, 2, 'failures bring it to the minimum, not below');
  });

  it('is read before each start, so a batch follows it as it changes', async () => {
    const limit = { limit: 1 };
    let inFlight = 0;
    let peak = 0;
    await mapWithConcurrency([1, 2, 3, 4, 5, 6], limit, async (n) => {
      peak = Math.max(peak, ++inFlight);
      if (n === 2) limit.limit = 3;
      await tick();
      inFlight--;
    });
    assert.equal(peak, 3);
  });
});
