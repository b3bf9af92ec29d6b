// linkerd-viz's Prometheus (or one the user names) as a traffic source: the path that scales.
import type { ClusterClient } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import { prometheusApi, prometheusModel, prometheusModelsOver, type PrometheusQuery } from '../metrics/prometheus';
import { PrometheusError } from '../metrics/promResponse';
import { PrometheusUnreachableError } from './errors';
import { frameSeconds, HISTORY_MS } from './history';
import type { SourceOptions, TrafficSourceStrategy } from './sources';

const VIZ_NS = 'linkerd-viz';
const PROMETHEUS_TIMEOUT_MS = 30_000;

/** Queries through the API server's service proxy to viz's Prometheus: no port-forward to manage. */
export function prometheusOverApi(client: ClusterClient, signal: AbortSignal): PrometheusQuery {
  // A query over a thousand pods' latency buckets takes Prometheus seconds (more on a busy node), and a
  // timed-out query is retried once rather than three times.
  return prometheusApi((endpoint, params) => client.raw<unknown>(`/api/v1/namespaces/${VIZ_NS}/services/prometheus:9090/proxy/api/v1/${endpoint}?${params}`, `Prometheus in namespace "${VIZ_NS}"`, { signal, timeoutMs: PROMETHEUS_TIMEOUT_MS, retries: 1 }));
}

/**
 * Queries to a Prometheus the user names (a port-forward they run, or one outside the cluster): the
 * `meshaware.traffic.prometheusUrl` setting and the CLI's --prometheus-url.
 */
export function prometheusAt(baseUrl: string, signal: AbortSignal): PrometheusQuery {
  return prometheusApi(async (endpoint, params, promql) => {
    const url = new URL(`api/v1/${endpoint}?${params}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(PROMETHEUS_TIMEOUT_MS)]) });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok && body === undefined) throw new PrometheusError(promql, `Prometheus at ${baseUrl} answered ${response.status}`);
    return body;
  });
}

/** Runs `read` against the configured Prometheus, or viz's, with the failures that mean "not reachable" said so. */
async function withPrometheus<T>(options: SourceOptions, client: ClusterClient, signal: AbortSignal, read: (query: PrometheusQuery, origin: string) => Promise<T>): Promise<T> {
  const url = options.prometheusUrl();
  try {
    return await read(url ? prometheusAt(url, signal) : prometheusOverApi(client, signal), url ? `Prometheus at ${url}` : "linkerd-viz's Prometheus through the API server");
  } catch (e) {
    const where = url ?? `service prometheus in ${VIZ_NS} (context ${client.contextName})`;
    if (e instanceof PrometheusError || (e instanceof ClusterError && e.kind !== 'forbidden')) {
      throw new PrometheusUnreachableError(where, e.message);
    }
    if (url && !signal.aborted && e instanceof Error) throw new PrometheusUnreachableError(where, e.message);
    throw e;
  }
}

export const prometheusSource: TrafficSourceStrategy<'prometheus'> = {
  kind: 'prometheus',
  description: "linkerd-viz's Prometheus (service prometheus in linkerd-viz), through the API server",
  // A configured Prometheus, or linkerd-viz's when it is installed.
  async autoPicks(client, _pods, options, signal) {
    return options.prometheusUrl() !== undefined || (await client.tryGet('v1', 'Service', 'prometheus', VIZ_NS, { signal, timeoutMs: 5000 })) !== undefined;
  },
  open: (options) => (client, pods, signal) =>
    withPrometheus(options, client, signal, async (query, origin) => ({
      model: await prometheusModel(query, pods, { windowSeconds: options.windowSeconds }),
      source: 'prometheus' as const,
      origin,
      unread: [],
      meshedPods: pods.filter((p) => p.meshed).length,
    })),
  // Prometheus holds the history's whole span already: one range query per traffic query, a step per frame.
  past: (options) => (client, pods, end, intervalSeconds, signal) =>
    withPrometheus(options, client, signal, async (query) => {
      const range = { start: (end - HISTORY_MS) / 1000, end: end / 1000, stepSeconds: frameSeconds(intervalSeconds), windowSeconds: options.windowSeconds };
      return (await prometheusModelsOver(query, pods, range)).map(({ at, model }) => ({ at: Math.round(at * 1000), model }));
    }),
};
