/**
 * How much a counter grew between two scrapes, the way PromQL's `increase` accounts for resets: a value
 * lower than the previous one means the counter restarted from zero (the proxy restarted, or the series
 * expired and came back), so the new value is all growth since the reset.
 * A series with no previous value was created after the first scrape, so it also grew from zero.
 */
export function counterIncrease(previous: number | undefined, current: number): number {
  if (previous === undefined || current < previous) return current;
  return current - previous;
}

/** Per-second rate from the increase over `seconds`; 0 for a zero or negative interval. */
export function perSecond(increase: number, seconds: number): number {
  return seconds > 0 ? increase / seconds : 0;
}
