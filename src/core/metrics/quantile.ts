import type { Bucket } from './parser';

// Relative differences this small between neighbouring cumulative counts are float noise from summing rates,
// and Prometheus flattens them before its monotonicity fix; so do we, to return the very same numbers.
const PRECISION_TOLERANCE = 1e-12;

/**
 * The φ-quantile of classic histogram buckets, computed the way PromQL's `histogram_quantile` does:
 * buckets sorted by `le` and merged when equal, counts forced monotonic, linear interpolation inside the
 * bucket holding the rank, 0 as the lower bound of the first bucket (or its upper bound when that is <= 0),
 * and the second-highest bound when the rank falls in the +Inf bucket.
 * NaN when there is no +Inf bucket, fewer than two buckets, no observations, or `q` is NaN;
 * -Inf for q < 0 and +Inf for q > 1.
 */
export function histogramQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (input.length === 0) return NaN;
  const buckets = coalesce([...input].sort((a, b) => a.le - b.le));
  if (buckets[buckets.length - 1].le !== Infinity) return NaN;
  flattenPrecisionNoise(buckets);
  forceMonotonic(buckets);
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // The first bucket, +Inf excluded, whose cumulative count reaches the rank.
  let b = 0;
  while (b < buckets.length - 1 && buckets[b].count < rank) b++;
  if (b === buckets.length - 1) return buckets[buckets.length - 2].le;
  if (b === 0 && buckets[0].le <= 0) return buckets[0].le;
  let start = 0;
  let count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].le;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return start + (buckets[b].le - start) * (rank / count);
}

interface MutableBucket {
  le: number;
  count: number;
}

/** Merges buckets with the same bound by adding their counts (input sorted). */
function coalesce(sorted: readonly Bucket[]): MutableBucket[] {
  const out: MutableBucket[] = [];
  for (const { le, count } of sorted) {
    const last = out[out.length - 1];
    if (last && last.le === le) last.count += count;
    else out.push({ le, count });
  }
  return out;
}

function flattenPrecisionNoise(buckets: MutableBucket[]): void {
  let previous = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    const delta = Math.abs(buckets[i].count - previous);
    if (delta === 0) continue;
    if (delta / buckets[i].count <= PRECISION_TOLERANCE) buckets[i].count = previous;
    else previous = buckets[i].count;
  }
}

/** Removes decreases between successive cumulative counts, which would make the rank search meaningless. */
function forceMonotonic(buckets: MutableBucket[]): void {
  let max = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i].count > max) max = buckets[i].count;
    else buckets[i].count = max;
  }
}
