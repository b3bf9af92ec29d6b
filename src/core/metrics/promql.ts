import type { Matcher, QuantileQuery, QuerySpec } from './queries';

/** A PromQL string literal; label values come from the cluster, so quote and escape them. */
function quote(value: string): string {
  return JSON.stringify(value);
}

function selector(metric: string, matchers: readonly Matcher[]): string {
  return `${metric}{${matchers.map((m) => `${m.label}${m.op}${quote(m.value)}`).join(', ')}}`;
}

function range(seconds: number): string {
  return `[${seconds}s]`;
}

/** The PromQL text of a query, in the shape `linkerd viz` sends to Prometheus. */
export function toPromQL(spec: QuerySpec): string {
  const by = spec.by.join(', ');
  switch (spec.fn) {
    case 'sum':
      return `sum(${selector(spec.metric, spec.matchers)}) by (${by})`;
    case 'increase':
      return `sum(increase(${selector(spec.metric, spec.matchers)}${range(spec.windowSeconds)})) by (${by})`;
    case 'quantile':
      return `histogram_quantile(${spec.q}, sum(irate(${selector(`${spec.metric}_bucket`, spec.matchers)}${range(spec.windowSeconds)})) by (le, ${by}))`;
  }
}

/**
 * The bucket rates behind a quantile, by `le` and the query's labels: what histogram_quantile reads. The
 * Prometheus source sends this once per view and computes p50, p95 and p99 from it (quantile.ts does what
 * PromQL's histogram_quantile does), so Prometheus sums a view's buckets once instead of three times.
 */
export function bucketRatesPromQL(spec: QuantileQuery): string {
  return `sum(irate(${selector(`${spec.metric}_bucket`, spec.matchers)}${range(spec.windowSeconds)})) by (le, ${spec.by.join(', ')})`;
}

/** Every query the Prometheus source sends for one refresh, each once. */
export function prometheusQueries(specs: readonly QuerySpec[]): string[] {
  return [...new Set(specs.map((q) => (q.fn === 'quantile' ? bucketRatesPromQL(q) : toPromQL(q))))];
}
