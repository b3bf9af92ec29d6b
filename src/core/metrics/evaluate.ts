/**
 * Computes the traffic queries over two proxy scrapes, as Prometheus would over the same samples: gauges from
 * the later scrape, counters and histogram buckets as increases between the two with reset handling.
 * Without Prometheus's extrapolation the window is exactly the time between the scrapes.
 */
import { counterIncrease } from './counters';
import { labelsKey, type Labels } from './labels';
import type { HistogramSeries, MetricFamily } from './parser';
import { histogramQuantile } from './quantile';
import type { Matcher, QuerySpec, Vector } from './queries';

/** One pod's scrape, with Prometheus's target labels already on every series. */
export interface ScrapedPod {
  /** `namespace/name`, to find the same pod in the other scrape. */
  readonly key: string;
  readonly families: ReadonlyMap<string, MetricFamily>;
}

function matches(labels: Labels, matchers: readonly Matcher[]): boolean {
  for (const m of matchers) {
    const equal = (labels[m.label] ?? '') === m.value;
    if (equal !== (m.op === '=')) return false;
  }
  return true;
}

/** Like `sum by`: empty labels are absent from Prometheus results, so they are left out here too. */
function groupOf(labels: Labels, by: readonly string[]): Labels {
  const out: Labels = {};
  for (const name of by) if (labels[name]) out[name] = labels[name];
  return out;
}

class Groups<T> {
  private readonly map = new Map<string, { labels: Labels; acc: T }>();
  constructor(private readonly init: () => T) {}

  get(labels: Labels): T {
    const key = labelsKey(labels);
    let g = this.map.get(key);
    if (!g) this.map.set(key, (g = { labels, acc: this.init() }));
    return g.acc;
  }

  entries(): Array<{ labels: Labels; acc: T }> {
    return [...this.map.values()];
  }
}

const NOT_SCRAPED = Symbol('pod not in the earlier scrape');
/** The family in the earlier scrape: undefined if the pod had no such series yet. */
type Earlier = MetricFamily | undefined | typeof NOT_SCRAPED;

export class ScrapePair {
  private readonly previousByKey: ReadonlyMap<string, ScrapedPod>;
  // Indexes of the earlier scrape's series by identity, built once per family and shared by all queries.
  private readonly counterIndex = new WeakMap<MetricFamily, Map<string, number>>();
  private readonly bucketIndex = new WeakMap<MetricFamily, Map<string, HistogramSeries>>();

  constructor(previous: readonly ScrapedPod[], private readonly current: readonly ScrapedPod[]) {
    this.previousByKey = new Map(previous.map((p) => [p.key, p]));
  }

  evaluate(spec: QuerySpec): Vector {
    switch (spec.fn) {
      case 'sum':
        return this.sum(spec.metric, spec.matchers, spec.by, (family) => family.samples.map((s) => [s.labels, s.value] as const));
      case 'increase':
        return this.sum(spec.metric, spec.matchers, spec.by, (family, earlier) => {
          // A pod missing from the earlier scrape has no increase to show yet; a series missing from it grew from zero.
          if (earlier === NOT_SCRAPED) return [];
          const index = earlier ? this.counters(earlier) : new Map<string, number>();
          return family.samples.map((s) => [s.labels, counterIncrease(index.get(labelsKey(s.labels)), s.value)] as const);
        });
      case 'quantile':
        return this.quantile(spec.q, spec.metric, spec.matchers, spec.by);
    }
  }

  /** Visits each pod's family `metric` in the later scrape with the same family from the earlier one. */
  private *families(metric: string): Generator<[MetricFamily, Earlier]> {
    for (const pod of this.current) {
      const family = pod.families.get(metric);
      const earlierPod = this.previousByKey.get(pod.key);
      if (family) yield [family, earlierPod ? earlierPod.families.get(metric) : NOT_SCRAPED];
    }
  }

  private sum(metric: string, matchers: readonly Matcher[], by: readonly string[], values: (family: MetricFamily, earlier: Earlier) => ReadonlyArray<readonly [Labels, number]>): Vector {
    const groups = new Groups(() => ({ value: 0 }));
    for (const [family, earlier] of this.families(metric)) {
      for (const [labels, value] of values(family, earlier)) {
        if (matches(labels, matchers)) groups.get(groupOf(labels, by)).value += value;
      }
    }
    return groups.entries().map((g) => ({ labels: g.labels, value: g.acc.value }));
  }

  private quantile(q: number, metric: string, matchers: readonly Matcher[], by: readonly string[]): Vector {
    const groups = new Groups(() => new Map<number, number>());
    for (const [family, earlier] of this.families(metric)) {
      if (earlier === NOT_SCRAPED) continue;
      const index = earlier ? this.histograms(earlier) : new Map<string, HistogramSeries>();
      for (const series of family.histograms) {
        if (!matches(series.labels, matchers)) continue;
        const before = index.get(labelsKey(series.labels))?.buckets;
        const perLe = groups.get(groupOf(series.labels, by));
        for (const { le, count } of series.buckets) {
          const previous = before?.find((b) => b.le === le)?.count;
          perLe.set(le, (perLe.get(le) ?? 0) + counterIncrease(previous, count));
        }
      }
    }
    return groups.entries().map((g) => ({ labels: g.labels, value: histogramQuantile(q, [...g.acc].map(([le, count]) => ({ le, count }))) }));
  }

  private counters(family: MetricFamily): Map<string, number> {
    let index = this.counterIndex.get(family);
    if (!index) this.counterIndex.set(family, (index = new Map(family.samples.map((s) => [labelsKey(s.labels), s.value]))));
    return index;
  }

  private histograms(family: MetricFamily): Map<string, HistogramSeries> {
    let index = this.bucketIndex.get(family);
    if (!index) this.bucketIndex.set(family, (index = new Map(family.histograms.map((h) => [labelsKey(h.labels), h]))));
    return index;
  }
}
