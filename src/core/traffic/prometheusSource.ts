// linkerd-viz's Prometheus (or one the user names) as a traffic source: the path that scales.
import type { ClusterClient } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import { PrometheusError, prometheusModel, type PrometheusQuery } from '../metrics/prometheus';
import { PrometheusUnreachableError } from './errors';
import type { TrafficSourceStrategy } from './sources';

const VIZ_NS = 'linkerd-viz';
const PROMETHEUS_TIMEOUT_MS = 30_000;

/** Instant queries through the API server's service proxy to viz's Prometheus: no port-forward to manage. */
export function prometheusOverApi(client: ClusterClient, signal: AbortSignal): PrometheusQuery {
  return {
    query: (promql, time) => {
      const params = new URLSearchParams({ query: promql });
      if (time !== undefined) params.set('time', String(time));
      // A query over a thousand pods' latency buckets takes Prometheus seconds (more on a busy node), and a
      // timed-out query is retried once rather than three times.
      return client.raw<unknown>(`/api/v1/namespaces/${VIZ_NS}/services/prometheus:9090/proxy/api/v1/query?${params}`, `Prometheus in namespace "${VIZ_NS}"`, { signal, timeoutMs: PROMETHEUS_TIMEOUT_MS, retries: 1 });
    },
  };
}

/**
 * Instant queries to a Prometheus the user names (a port-forward they run, or one outside the cluster): the
 * `meshaware.traffic.prometheusUrl` setting and the CLI's --prometheus-url.
 */
export function prometheusAt(baseUrl: string, signal: AbortSignal): PrometheusQuery {
  return {
    query: async (promql, time) => {
      const url = new URL('api/v1/query', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
      url.searchParams.set('query', promql);
      if (time !== undefined) url.searchParams.set('time', String(time));
      const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(PROMETHEUS_TIMEOUT_MS)]) });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok && body === undefined) throw new PrometheusError(promql, `Prometheus at ${baseUrl} answered ${response.status}`);
      return body;
    },
  };
}

export const prometheusSource: TrafficSourceStrategy<'prometheus'> = {
  kind: 'prometheus',
  description: "linkerd-viz's Prometheus (service prometheus in linkerd-viz), through the API server",
  // A configured Prometheus, or linkerd-viz's when it is installed.
  async autoPicks(client, _pods, options, signal) {
    return options.prometheusUrl() !== undefined || (await client.tryGet('v1', 'Service', 'prometheus', VIZ_NS, { signal, timeoutMs: 5000 })) !== undefined;
  },
  open: ({ prometheusUrl, windowSeconds }) => async (client, pods, signal) => {
    const url = prometheusUrl();
    try {
      const query = url ? prometheusAt(url, signal) : prometheusOverApi(client, signal);
      const origin = url ? `Prometheus at ${url}` : "linkerd-viz's Prometheus through the API server";
      return { model: await prometheusModel(query, pods, { windowSeconds }), source: 'prometheus' as const, origin, unread: [], meshedPods: pods.filter((p) => p.meshed).length };
    } catch (e) {
      const where = url ?? `service prometheus in ${VIZ_NS} (context ${client.contextName})`;
      if (e instanceof PrometheusError || (e instanceof ClusterError && e.kind !== 'forbidden')) {
        throw new PrometheusUnreachableError(where, e.message);
      }
      if (url && !signal.aborted && e instanceof Error) throw new PrometheusUnreachableError(where, e.message);
      throw e;
    }
  },
};
