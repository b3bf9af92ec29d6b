/** Runs many scrapes without flooding the API server: a bounded number at a time, all cancelled together. */

export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/** How many calls may be in flight now; read before each start, so it may change while a batch runs. */
export type Limit = number | { readonly limit: number };

const limitOf = (l: Limit): number => (typeof l === 'number' ? l : l.limit);

/**
 * Calls `fn` on every item with at most `limit` calls in flight and returns every outcome in input order;
 * one failure does not stop the others. When `signal` aborts, no new call starts, `fn` sees the same signal,
 * and the returned promise rejects with the abort reason at once, even if some call ignores the signal.
 */
export function mapWithConcurrency<T, R>(items: readonly T[], limit: Limit, fn: (item: T, signal?: AbortSignal) => Promise<R>, signal?: AbortSignal): Promise<Settled<R>[]> {
  if (!(limitOf(limit) >= 1)) return Promise.reject(new RangeError(`concurrency must be at least 1, got ${limitOf(limit)}`));
  if (signal?.aborted) return Promise.reject(signal.reason);
  const results: Settled<R>[] = new Array(items.length);
  return new Promise((resolve, reject) => {
    let next = 0;
    let inFlight = 0;
    const onAbort = (): void => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (i: number, outcome: Settled<R>): void => {
      results[i] = outcome;
      inFlight--;
      dispatch();
    };
    const dispatch = (): void => {
      if (signal?.aborted) return;
      while (next < items.length && inFlight < Math.max(1, limitOf(limit))) {
        const i = next++;
        inFlight++;
        // A call that throws synchronously is a failed call like any other.
        void Promise.resolve()
          .then(() => fn(items[i], signal))
          .then((value) => settle(i, { ok: true, value }), (error: unknown) => settle(i, { ok: false, error }));
      }
      if (next >= items.length && inFlight === 0) {
        signal?.removeEventListener('abort', onAbort);
        resolve(results);
      }
    };
    dispatch();
  });
}

/**
 * Concurrency that follows the API server's latency (additive increase, multiplicative decrease, as TCP and
 * Netflix's concurrency limiters do): one more request in flight per round of fast answers, a tenth fewer
 * whenever an answer is much slower than the fastest recent one or fails. The server's latency, not a fixed
 * number, decides how hard a refresh pushes it.
 */
export class AdaptiveLimit {
  private current: number;
  private fastest = Infinity;

  constructor(
    private readonly min = 2,
    private readonly max = 64,
    initial = 8,
  ) {
    this.current = initial;
  }

  get limit(): number {
    return Math.floor(this.current);
  }

  /** A new round of requests: latency is learnt afresh, the limit carries over. */
  startRound(): void {
    this.fastest = Infinity;
  }

  /** `ms` from sending a request to the end of its answer; `failed` when it failed or timed out. */
  observe(ms: number, failed: boolean): void {
    this.fastest = Math.min(this.fastest, ms);
    // Answers within a few milliseconds of each other are the same speed, whatever their ratio.
    const base = Math.max(this.fastest, 5);
    if (failed || ms > 4 * base) this.current = Math.max(this.min, this.current * 0.9);
    else if (ms < 2 * base) this.current = Math.min(this.max, this.current + 1 / this.current);
  }
}
