/**
 * The traffic model straight from the proxies, for clusters without linkerd-viz: every meshed pod's admin
 * `/metrics`, labelled as viz's Prometheus would label it, answering the same queries as Prometheus.
 *
 * Each pod has its own time base: its counters' increases are divided by the time between its own two scrapes
 * (stamped when each answer began), not by one window for the whole refresh, since a thousand scrapes spread
 * over seconds. A pod whose proxy does not answer is reported, and the others still make the model.
 */
import { Aggregator } from './aggregate';
import { assembleModel } from './assemble';
import { labelsKey, type Labels } from './labels';
import type { PodMeta, TrafficModel } from './model';
import { trafficQueries } from './queries';
import { targetLabels } from './relabel';
import { AdaptiveLimit, mapWithConcurrency } from './scrape';
import { ColumnPool, ScrapeParse } from './scrapeParse';
import { TablePool, type SeriesTable } from './seriesTable';

/** Receives the body of a proxy's /metrics as it arrives. */
export interface ScrapeSink {
  chunk(bytes: Uint8Array): void;
}

/** Implemented by the cluster layer (the API server's pod proxy to port 4191). */
export interface ProxyScraper {
  /**
   * Streams the pod's /metrics into the sink `open` returns. `open` is called when the answer begins, with
   * that time in milliseconds since the epoch, and again if the request is retried (the earlier sink is dropped).
   */
  scrape(pod: PodMeta, open: (at: number) => ScrapeSink, signal: AbortSignal): Promise<void>;
}

export interface ScrapeFailure {
  readonly pod: PodMeta;
  readonly error: unknown;
}

export interface ProxyRead {
  readonly model: TrafficModel;
  /** Pods whose proxy answered. */
  readonly scraped: number;
  readonly failures: readonly ScrapeFailure[];
  /** Lines of the kept samples that could not be read; non-zero means a proxy sent something we do not understand. */
  readonly badLines: number;
  /** Pods that had rates this time (answered now and at an earlier read). */
  readonly rated: number;
}

interface PodState {
  readonly at: number;
  readonly targetKey: string;
  readonly table: SeriesTable;
}

const podKey = (pod: PodMeta): string => `${pod.namespace}/${pod.name}`;

/**
 * Reads the proxies, keeping each pod's series from one read to the next: the first read of a pod only
 * learns its counters, later reads give rates. One reader per cluster context.
 */
export class ProxyReader {
  private readonly aggregator = new Aggregator(trafficQueries());
  private states = new Map<string, PodState>();
  private readonly tables = new TablePool();
  private readonly columns = new ColumnPool();
  /** Each pod's target labels and their key, worked out once per pod object: a watch hands back the same object until the pod changes. */
  private readonly targets = new WeakMap<PodMeta, { readonly labels: Labels; readonly key: string }>();
  readonly concurrency = new AdaptiveLimit();

  /** Whether a read now would give rates (some pod was read before). */
  get hasHistory(): boolean {
    return this.states.size > 0;
  }

  private targetOf(pod: PodMeta): { readonly labels: Labels; readonly key: string } {
    let t = this.targets.get(pod);
    if (!t) {
      const labels = targetLabels(pod);
      t = { labels, key: labelsKey(labels) };
      this.targets.set(pod, t);
    }
    return t;
  }

  async read(scraper: ProxyScraper, pods: readonly PodMeta[], signal: AbortSignal): Promise<ProxyRead> {
    const meshed = pods.filter((p) => p.meshed);
    const next = new Map<string, PodState>();
    const intervals: number[] = [];
    let badLines = 0;
    this.aggregator.reset();
    this.concurrency.startRound();
    const outcomes = await mapWithConcurrency(meshed, this.concurrency, async (pod) => {
      const { labels: target, key: targetKey } = this.targetOf(pod);
      const before = this.states.get(podKey(pod));
      const earlier = before?.targetKey === targetKey ? before : undefined;
      let parse: ScrapeParse | undefined;
      let at = 0;
      const started = performance.now();
      try {
        await scraper.scrape(pod, (begun) => {
          at = begun;
          parse = new ScrapeParse(this.aggregator, target, earlier?.table, this.columns);
          return parse;
        }, signal);
      } catch (e) {
        this.concurrency.observe(performance.now() - started, true);
        throw e;
      }
      this.concurrency.observe(performance.now() - started, false);
      if (!parse) throw new Error('the proxy sent no metrics');
      parse.end();
      badLines += parse.badLines;
      const seconds = earlier && at > earlier.at ? (at - earlier.at) / 1000 : undefined;
      if (seconds !== undefined) intervals.push(seconds);
      next.set(podKey(pod), { at, targetKey, table: parse.commit(seconds, this.tables) });
      if (before) this.tables.give(before.table);
    }, signal);
    // A pod that did not answer keeps its earlier state: its next answer is rated over the longer interval.
    for (const pod of meshed) {
      const key = podKey(pod);
      if (!next.has(key) && this.states.has(key)) next.set(key, this.states.get(key)!);
    }
    for (const [key, gone] of this.states) if (!next.has(key)) this.tables.give(gone.table);
    this.states = next;
    const failures = outcomes.flatMap((o, i) => (o.ok ? [] : [{ pod: meshed[i], error: o.error }]));
    // Results are per second already; the window reported is the pods' typical interval.
    const windowSeconds = intervals.length ? intervals.reduce((a, b) => a + b, 0) / intervals.length : 0;
    const model = { ...assembleModel(this.aggregator.results(), pods, 1), windowSeconds };
    return { model, scraped: meshed.length - failures.length, failures, badLines, rated: intervals.length };
  }
}
