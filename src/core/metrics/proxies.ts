/**
 * The traffic model straight from the proxies, for clusters without linkerd-viz: scrape every meshed pod's
 * admin `/metrics`, label the series as viz's Prometheus would, and answer the same queries from two scrapes.
 */
import { assembleModel } from './assemble';
import { ScrapePair, type ScrapedPod } from './evaluate';
import type { MetricFamily } from './parser';
import { parseExposition } from './parser';
import type { PodMeta, TrafficModel } from './model';
import { CONNECTIONS, LATENCY, RESPONSES, labelNames, mapQueries, trafficQueries } from './queries';
import { targetLabels } from './relabel';
import { mapWithConcurrency } from './scrape';

/** Implemented by the cluster layer (pod proxy or port-forward to port 4191). */
export interface ProxyScraper {
  pods(signal?: AbortSignal): Promise<PodMeta[]>;
  /** The text of the pod's proxy admin `/metrics`. */
  scrape(pod: PodMeta, signal?: AbortSignal): Promise<string>;
}

export interface ScrapeFailure {
  readonly pod: PodMeta;
  readonly error: unknown;
}

export interface ProxySnapshot {
  /** When the scrape started, in milliseconds since the epoch. */
  readonly at: number;
  readonly pods: readonly PodMeta[];
  readonly scraped: readonly ScrapedPod[];
  readonly failures: readonly ScrapeFailure[];
  /** Lines the parser skipped, over all pods; non-zero means a proxy sent something we do not understand. */
  readonly badLines: number;
}

export interface SnapshotOptions {
  /** Scrapes in flight at once (default 8). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

// Only these families feed the model; the rest of a proxy's exposition is dropped right after parsing.
const NEEDED: ReadonlySet<string> = new Set([CONNECTIONS, RESPONSES, LATENCY]);

function podKey(pod: PodMeta): string {
  return `${pod.namespace}/${pod.name}`;
}

/** One pod's exposition, parsed and reduced to what the model needs, with the labels Prometheus would add. */
export function readScrape(pod: PodMeta, text: string): { scraped: ScrapedPod; badLines: number } {
  const { families, errors } = parseExposition(text);
  const kept = new Map<string, MetricFamily>();
  for (const f of families) if (NEEDED.has(f.name)) kept.set(f.name, f);
  return { scraped: { key: podKey(pod), target: targetLabels(pod), families: kept }, badLines: errors.length };
}

/** Lists pods and scrapes the meshed ones, a bounded number at a time. */
export async function takeProxySnapshot(scraper: ProxyScraper, options: SnapshotOptions = {}): Promise<ProxySnapshot> {
  const at = (options.now ?? Date.now)();
  const pods = await scraper.pods(options.signal);
  const meshed = pods.filter((p) => p.meshed);
  const outcomes = await mapWithConcurrency(meshed, options.concurrency ?? 8, (pod, signal) => scraper.scrape(pod, signal), options.signal);
  const scraped: ScrapedPod[] = [];
  const failures: ScrapeFailure[] = [];
  let badLines = 0;
  outcomes.forEach((outcome, i) => {
    if (!outcome.ok) {
      failures.push({ pod: meshed[i], error: outcome.error });
      return;
    }
    const read = readScrape(meshed[i], outcome.value);
    scraped.push(read.scraped);
    badLines += read.badLines;
  });
  return { at, pods, scraped, failures, badLines };
}

/** The model for the interval between two snapshots, with pods as of the later one. */
export async function proxyModel(previous: ProxySnapshot, current: ProxySnapshot): Promise<TrafficModel> {
  const windowSeconds = (current.at - previous.at) / 1000;
  if (!(windowSeconds > 0)) throw new RangeError('the second snapshot must be taken after the first');
  const queries = trafficQueries(windowSeconds);
  const pair = new ScrapePair(previous.scraped, current.scraped, labelNames(queries));
  const results = await mapQueries(queries, (q) => pair.evaluate(q));
  return assembleModel(results, current.pods, windowSeconds);
}
