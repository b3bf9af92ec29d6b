// Chooses and runs the metrics core's source for the current context: linkerd-viz's Prometheus when it is
// installed (the path that scales), else the proxies themselves, scraped through the API server.
import type { ClusterClient } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import type { PodMeta, TrafficModel } from '../metrics/model';
import { PrometheusError, prometheusModel, type PrometheusQuery } from '../metrics/prometheus';
import { ProxyReader, type ProxyRead, type ProxyScraper } from '../metrics/proxies';
import { TRAFFIC_SOURCES, type TrafficSourceKind } from '../../shared/trafficProtocol';
import { PROXY_SCRAPE_LIMIT, PrometheusUnreachableError, TooManyProxiesError } from './errors';
import { scrapeProxy } from './pods';
import { ProxiesUnreadableError, unreadPod, type UnreadPod } from './unread';
import { sleep } from '../cancel';

const VIZ_NS = 'linkerd-viz';
const PROMETHEUS_TIMEOUT_MS = 30_000;
/**
 * With no earlier scrape there is no rate yet: the first read of the proxies takes two scrapes this far apart
 * unless the reader is given a window (a longer one gives steadier numbers from few requests).
 */
export const PROXIES_FIRST_WINDOW_SECONDS = 2;

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

/** Scrapes through the API server's pod proxy, retried on transient failures like every other read of the cluster layer. */
export function proxyScraper(client: ClusterClient): ProxyScraper {
  return { scrape: (pod, open, signal) => scrapeProxy(client, pod, open, { signal, timeoutMs: 5000 }) };
}

/** The traffic-source setting (meshaware.traffic.source, the CLI's --source): a source, or `auto`. */
export const SOURCE_SETTINGS = ['auto', ...TRAFFIC_SOURCES] as const;
export type SourceSetting = (typeof SOURCE_SETTINGS)[number];

/** One read of the cluster's traffic, with what the view and the CLI must say beside the numbers. */
export interface TrafficRead {
  readonly model: TrafficModel;
  readonly source: TrafficSourceKind;
  /** Where the numbers came from, in words: shown in the view so that a configured source is never hidden. */
  readonly origin: string;
  /** Meshed pods whose proxy could not be read (proxies source); their traffic is missing from the model. */
  readonly unread: readonly UnreadPod[];
  /** Meshed pods in the cluster. */
  readonly meshedPods: number;
  /** Namespaces of Linkerd's control plane and its extensions (see systemNamespaces). */
  readonly systemNamespaces?: readonly string[];
}

/** Turns the cluster's pods into the traffic model, from Prometheus or from the proxies. */
export interface ModelReader {
  read(client: ClusterClient, pods: readonly PodMeta[], signal: AbortSignal): Promise<TrafficRead>;
}

/**
 * The reader the panel and the CLI use. `prometheusUrl` names a Prometheus to query directly; without it,
 * linkerd-viz's Prometheus is reached through the API server's service proxy. `windowSeconds` is the range
 * Prometheus rates over, or how far apart a first read scrapes the proxies.
 */
export function readerFor(setting: () => SourceSetting, prometheusUrl: () => string | undefined = () => undefined, windowSeconds?: number): ModelReader {
  let proxies: { context: string; reader: ProxyReader } | undefined;
  const unreadable = (read: ProxyRead) => read.scraped === 0 && read.failures.length > 0 && new ProxiesUnreadableError(read.failures.map((f) => unreadPod(f.pod, f.error)));

  const fromProxies = async (client: ClusterClient, pods: readonly PodMeta[], signal: AbortSignal) => {
    if (proxies?.context !== client.contextName) proxies = { context: client.contextName, reader: new ProxyReader() };
    const { reader } = proxies;
    const scraper = proxyScraper(client);
    if (!reader.hasHistory) {
      // Nothing to rate against yet: a first round learns the counters, the second one gives rates.
      const first = await reader.read(scraper, pods, signal);
      const failed = unreadable(first);
      if (failed) throw failed;
      await sleep((windowSeconds ?? PROXIES_FIRST_WINDOW_SECONDS) * 1000, signal);
    }
    const read = await reader.read(scraper, pods, signal);
    const failed = unreadable(read);
    if (failed) throw failed;
    const unread = read.failures.map((f) => unreadPod(f.pod, f.error));
    const origin = `${read.scraped} proxies through the API server`;
    return { model: read.model, source: 'proxies' as const, origin, unread, meshedPods: read.scraped + unread.length };
  };

  const fromPrometheus = async (client: ClusterClient, pods: readonly PodMeta[], signal: AbortSignal) => {
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
  };

  return {
    async read(client, pods, signal) {
      const chosen = setting();
      if (chosen === 'proxies') return fromProxies(client, pods, signal);
      if (chosen === 'prometheus') return fromPrometheus(client, pods, signal);
      if (prometheusUrl()) return fromPrometheus(client, pods, signal);
      const viz = await client.tryGet('v1', 'Service', 'prometheus', VIZ_NS, { signal, timeoutMs: 5000 });
      if (viz) return fromPrometheus(client, pods, signal);
      const meshed = pods.filter((p) => p.meshed).length;
      if (meshed > PROXY_SCRAPE_LIMIT) throw new TooManyProxiesError(meshed);
      return fromProxies(client, pods, signal);
    },
  };
}
