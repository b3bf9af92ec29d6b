/** The traffic model from linkerd-viz's Prometheus (or an external one), through its HTTP query API. */
import { assembleModel } from './assemble';
import type { Labels } from './labels';
import type { PodMeta, TrafficModel } from './model';
import { parsePromFloat } from './parser';
import { bucketRatesPromQL, toPromQL } from './promql';
import { histogramQuantile } from './quantile';
import { labelsKey } from './labels';
import { mapQueries, trafficQueries, type QuantileQuery, type Vector } from './queries';
import { MeshawareError } from '../errors';

/**
 * Implemented by the traffic reader (viz's Prometheus through the API server's service proxy, or a configured URL): runs an instant
 * query (`GET /api/v1/query`) and resolves to the parsed JSON body, whatever its status.
 */
export interface PrometheusQuery {
  query(promql: string, time?: number): Promise<unknown>;
}

export class PrometheusError extends MeshawareError {
  constructor(readonly promql: string, message: string) {
    super('prometheus', message);
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The samples of an instant-vector response: `{status, data: {resultType: "vector", result: [{metric, value: [t, "v"]}]}}`. */
export function vectorFromResponse(promql: string, body: unknown): Vector {
  if (!isRecord(body)) throw new PrometheusError(promql, 'Prometheus answered with something that is not a JSON object.');
  if (body.status !== 'success') {
    throw new PrometheusError(promql, `Prometheus rejected the query (${String(body.errorType ?? 'error')}): ${String(body.error ?? 'no reason given')}`);
  }
  const data = body.data;
  if (!isRecord(data) || data.resultType !== 'vector' || !Array.isArray(data.result)) {
    throw new PrometheusError(promql, `Expected an instant vector from Prometheus, got ${isRecord(data) ? String(data.resultType) : 'no data'}.`);
  }
  return data.result.map((entry: unknown, i: number) => {
    const metric = isRecord(entry) ? entry.metric : undefined;
    const pair = isRecord(entry) ? entry.value : undefined;
    const value = Array.isArray(pair) && typeof pair[1] === 'string' ? parsePromFloat(pair[1]) : undefined;
    if (!isRecord(metric) || value === undefined || !Object.values(metric).every((v) => typeof v === 'string')) {
      throw new PrometheusError(promql, `Result ${i} from Prometheus is not a {metric, value: [time, "number"]} sample.`);
    }
    return { labels: metric as Labels, value };
  });
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
export async function prometheusModel(prometheus: PrometheusQuery, pods: readonly PodMeta[], options: PrometheusModelOptions = {}): Promise<TrafficModel> {
  const windowSeconds = options.windowSeconds ?? PROMETHEUS_WINDOW_SECONDS;
  const run = async (promql: string) => vectorFromResponse(promql, await prometheus.query(promql, options.time));
  const bucketRates = new Map<string, Promise<Vector>>();
  const results = await mapQueries(trafficQueries(windowSeconds), (q) => {
    if (q.fn !== 'quantile') return run(toPromQL(q));
    const promql = bucketRatesPromQL(q);
    if (!bucketRates.has(promql)) bucketRates.set(promql, run(promql));
    return bucketRates.get(promql)!.then((rates) => quantiles(q, rates));
  });
  return assembleModel(results, pods, windowSeconds);
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
