/** The traffic model from linkerd-viz's Prometheus (or an external one), through its HTTP query API. */
import { assembleModel } from './assemble';
import type { Labels } from './labels';
import type { PodMeta, TrafficModel } from './model';
import { matrixFromResponse, vectorFromResponse, vectorsByStep } from './promResponse';
import { bucketRatesPromQL, toPromQL } from './promql';
import { histogramQuantile } from './quantile';
import { labelsKey } from './labels';
import { mapQueries, QUANTILES, routeSpecs, trafficQueries, type QuantileQuery, type QuerySpec, type Vector } from './queries';
import { ROUTE_VIEWS } from './routeQueries';

/**
 * Implemented by the traffic reader (viz's Prometheus through the API server's service proxy, or a configured
 * URL): runs a query and resolves to the parsed JSON body, whatever its status. Times are seconds since the epoch.
 */
export interface PrometheusQuery {
  /** An instant query, `GET /api/v1/query`, at `time` (default: Prometheus's now). */
  query(promql: string, time?: number): Promise<unknown>;
  /** A range query, `GET /api/v1/query_range`: evaluated at start, start + step, … up to end. */
  queryRange(promql: string, start: number, end: number, stepSeconds: number): Promise<unknown>;
}

/** Both queries over one GET of Prometheus's API (`query` or `query_range` and its parameters), however it is reached. */
export function prometheusApi(get: (endpoint: 'query' | 'query_range', params: URLSearchParams, promql: string) => Promise<unknown>): PrometheusQuery {
  return {
    query: (promql, time) => get('query', new URLSearchParams({ query: promql, ...(time === undefined ? {} : { time: String(time) }) }), promql),
    queryRange: (promql, start, end, step) => get('query_range', new URLSearchParams({ query: promql, start: String(start), end: String(end), step: String(step) }), promql),
  };
}

/** viz's default window: `linkerd viz stat -t` is one minute unless told otherwise. */
export const PROMETHEUS_WINDOW_SECONDS = 60;

export interface PrometheusModelOptions {
  /** The range of `increase`/`irate`, like `linkerd viz stat -t` (default PROMETHEUS_WINDOW_SECONDS). */
  readonly windowSeconds?: number;
  /** Evaluation time in seconds since the epoch (default: Prometheus's now). */
  readonly time?: number;
}

/** Runs every traffic query against Prometheus and builds the model; `pods` gives meshed/total and client identities. */
export async function prometheusModel(prometheus: Pick<PrometheusQuery, 'query'>, pods: readonly PodMeta[], options: PrometheusModelOptions = {}): Promise<TrafficModel> {
  const run = async (promql: string) => [vectorFromResponse(promql, await prometheus.query(promql, options.time))];
  const [model] = await modelsByStep(1, pods, options.windowSeconds ?? PROMETHEUS_WINDOW_SECONDS, withBucketQuantiles(run));
  return model;
}

export interface PrometheusRange {
  /** Seconds since the epoch: the first step is at `start`, the last at `end` or the last step before it. */
  readonly start: number;
  readonly end: number;
  readonly stepSeconds: number;
  /** As for prometheusModel. */
  readonly windowSeconds?: number;
}

/**
 * The model at every step of a range, from one range query per traffic query: what prometheusModel would have
 * read at each of those times, for the edges and nodes and their requests, success and p99 (the history's numbers).
 * Routes and p50/p95 are not asked, and p99 is Prometheus's histogram_quantile: a range of bucket rates is every
 * edge's buckets at every step, megabytes for a large mesh where the quantile is one number per edge and step.
 */
export async function prometheusModelsOver(prometheus: Pick<PrometheusQuery, 'queryRange'>, pods: readonly PodMeta[], range: PrometheusRange): Promise<{ at: number; model: TrafficModel }[]> {
  const { start, end, stepSeconds } = range;
  const steps = Math.floor((end - start) / stepSeconds) + 1;
  const windowSeconds = range.windowSeconds ?? PROMETHEUS_WINDOW_SECONDS;
  const queries = trafficQueries(windowSeconds);
  const unasked = new Set(ROUTE_VIEWS.flatMap((v) => routeSpecs(queries.routes[v.key])));
  const models = await modelsByStep(steps, pods, windowSeconds, async (q) => {
    if (unasked.has(q) || (q.fn === 'quantile' && q.q !== QUANTILES.p99)) return Array.from({ length: steps }, () => []);
    const promql = toPromQL(q);
    return vectorsByStep(promql, matrixFromResponse(promql, await prometheus.queryRange(promql, start, end, stepSeconds)), start, stepSeconds, steps);
  }, queries);
  return models.map((model, i) => ({ at: start + i * stepSeconds, model }));
}

/**
 * The one path from query results to models: runs the traffic queries through `run`, which answers each with
 * its result at every step (one step for an instant query), and assembles one model per step.
 */
async function modelsByStep(steps: number, pods: readonly PodMeta[], windowSeconds: number, run: (q: QuerySpec) => Promise<Vector[]>, queries = trafficQueries(windowSeconds)): Promise<TrafficModel[]> {
  const results = await mapQueries(queries, run);
  return Promise.all(Array.from({ length: steps }, async (_, i) => assembleModel(await mapQueries(results, (r) => r[i]), pods, windowSeconds)));
}

/** Runs each query's PromQL but the quantiles, computed here from their view's bucket rates, asked once for p50, p95 and p99. */
function withBucketQuantiles(run: (promql: string) => Promise<Vector[]>): (q: QuerySpec) => Promise<Vector[]> {
  const bucketRates = new Map<string, Promise<Vector[]>>();
  return (q) => {
    if (q.fn !== 'quantile') return run(toPromQL(q));
    const promql = bucketRatesPromQL(q);
    if (!bucketRates.has(promql)) bucketRates.set(promql, run(promql));
    return bucketRates.get(promql)!.then((steps) => steps.map((rates) => quantiles(q, rates)));
  };
}

/** histogram_quantile over bucket rates grouped by `le` and the query's labels, as Prometheus would compute it. */
function quantiles(spec: QuantileQuery, rates: Vector): Vector {
  const groups = new Map<string, { labels: Labels; buckets: { le: number; count: number }[] }>();
  for (const { labels, value } of rates) {
    const { le, ...rest } = labels;
    const bound = le === '+Inf' ? Infinity : Number(le);
    if (le === undefined || Number.isNaN(bound)) continue;
    const key = labelsKey(rest);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels: rest, buckets: [] }));
    g.buckets.push({ le: bound, count: value });
  }
  return [...groups.values()].map((g) => ({ labels: g.labels, value: histogramQuantile(spec.q, g.buckets) }));
}
