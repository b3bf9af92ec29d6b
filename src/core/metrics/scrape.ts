/** Runs many scrapes without flooding the API server: at most `limit` at a time, all cancelled together. */

export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/**
 * Calls `fn` on every item with at most `limit` calls in flight and returns every outcome in input order;
 * one failure does not stop the others. When `signal` aborts, no new call starts, `fn` sees the same signal,
 * and the returned promise rejects with the abort reason at once, even if some call ignores the signal.
 */
export function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, signal?: AbortSignal) => Promise<R>, signal?: AbortSignal): Promise<Settled<R>[]> {
  if (!(limit >= 1)) return Promise.reject(new RangeError(`concurrency must be at least 1, got ${limit}`));
  if (signal?.aborted) return Promise.reject(signal.reason);
  const results: Settled<R>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await fn(items[i], signal) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  };
  const all = Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker)).then(() => {
    signal?.throwIfAborted();
    return results;
  });
  if (!signal) return all;
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void all.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
