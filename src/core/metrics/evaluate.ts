/**
 * Computes the traffic queries over two proxy scrapes, as Prometheus would over the same samples: gauges from
 * the later scrape, counters and histogram buckets as increases between the two with reset handling.
 * Without Prometheus's extrapolation the window is exactly the time between the scrapes.
 */
import { counterIncrease } from './counters';
import { labelsKey, type Labels } from './labels';
import type { MetricFamily } from './parser';
import { histogramQuantile } from './quantile';
import { withTargetLabels } from './relabel';
import type { Matcher, QuantileQuery, QuerySpec, Vector } from './queries';

/** One pod's scrape: its series as the proxy sent them, and the labels Prometheus would attach to each. */
export interface ScrapedPod {
  /** `namespace/name`, to find the same pod in the other scrape. */
  readonly key: string;
  readonly target: Labels;
  readonly families: ReadonlyMap<string, MetricFamily>;
}

function matches(labels: Labels, matchers: readonly Matcher[]): boolean {
  for (const m of matchers) {
    const equal = (labels[m.label] ?? '') === m.value;
    if (equal !== (m.op === '=')) return false;
  }
  return true;
}

/** Groups like `sum by`; empty labels are absent from Prometheus results, so they are left out here too. */
class Groups<T> {
  private readonly map = new Map<string, { labels: Labels; acc: T }>();
  constructor(private readonly by: readonly string[], private readonly init: () => T) {}

  get(series: Labels): T {
    // The grouping labels come in a fixed order, so their values alone identify the group.
    let key = '';
    for (const name of this.by) key += `${series[name] ?? ''}\u0000`;
    let g = this.map.get(key);
    if (!g) {
      const labels: Labels = {};
      for (const name of this.by) if (series[name]) labels[name] = series[name];
      this.map.set(key, (g = { labels, acc: this.init() }));
    }
    return g.acc;
  }

  entries(): Array<{ labels: Labels; acc: T }> {
    return [...this.map.values()];
  }
}

/**
 * Computes the traffic queries over two scrapes of the same pods. Increases are worked out once per series
 * and shared by every query that reads them; a pod missing from the earlier scrape has no increase to show
 * yet, while a series missing from it grew from zero (the proxy creates a series at its first request).
 */
export class ScrapePair {
  private readonly previousByKey: ReadonlyMap<string, ScrapedPod>;
  private readonly sampleIncreases = new WeakMap<MetricFamily, number[] | null>();
  private readonly bucketIncreases = new WeakMap<MetricFamily, number[][] | null>();
  private readonly attached = new WeakMap<object, Labels>();

  /** `labelNames`: the labels the queries read; series keep only those once the target's are attached. */
  constructor(previous: readonly ScrapedPod[], private readonly current: readonly ScrapedPod[], private readonly labelNames: ReadonlySet<string>) {
    this.previousByKey = new Map(previous.map((p) => [p.key, p]));
  }

  /** A series' labels as Prometheus would store them, cut down to what the queries read; built once per series. */
  private labelsOf(pod: ScrapedPod, series: { readonly labels: Labels }): Labels {
    let labels = this.attached.get(series);
    if (!labels) this.attached.set(series, (labels = withTargetLabels(series.labels, pod.target, this.labelNames)));
    return labels;
  }

  evaluate(spec: QuerySpec): Vector {
    switch (spec.fn) {
      case 'sum':
        return this.sum(spec, (family) => family.samples.map((s) => s.value));
      case 'increase':
        return this.sum(spec, (family, pod) => this.increasesOf(family, pod));
      case 'quantile':
        return this.quantile(spec);
    }
  }

  private sum(spec: QuerySpec, valuesOf: (family: MetricFamily, pod: ScrapedPod) => readonly number[] | null): Vector {
    const groups = new Groups(spec.by, () => ({ value: 0 }));
    for (const pod of this.current) {
      const family = pod.families.get(spec.metric);
      const values = family && valuesOf(family, pod);
      if (!family || !values) continue;
      family.samples.forEach((s, i) => {
        const labels = this.labelsOf(pod, s);
        if (matches(labels, spec.matchers)) groups.get(labels).value += values[i];
      });
    }
    return groups.entries().map((g) => ({ labels: g.labels, value: g.acc.value }));
  }

  private quantile(spec: QuantileQuery): Vector {
    const groups = new Groups(spec.by, () => new Map<number, number>());
    for (const pod of this.current) {
      const family = pod.families.get(spec.metric);
      const increases = family && this.bucketIncreasesOf(family, pod);
      if (!family || !increases) continue;
      family.histograms.forEach((series, i) => {
        const labels = this.labelsOf(pod, series);
        if (!matches(labels, spec.matchers)) return;
        const perLe = groups.get(labels);
        series.buckets.forEach(({ le }, b) => perLe.set(le, (perLe.get(le) ?? 0) + increases[i][b]));
      });
    }
    return groups.entries().map((g) => ({ labels: g.labels, value: histogramQuantile(spec.q, [...g.acc].map(([le, count]) => ({ le, count }))) }));
  }

  /** The family as it was in the earlier scrape; null if that scrape did not reach the pod. */
  private earlier(pod: ScrapedPod, metric: string): MetricFamily | undefined | null {
    const before = this.previousByKey.get(pod.key);
    return before ? before.families.get(metric) : null;
  }

  private increasesOf(family: MetricFamily, pod: ScrapedPod): number[] | null {
    let increases = this.sampleIncreases.get(family);
    if (increases === undefined) {
      const earlier = this.earlier(pod, family.name);
      const before = new Map(earlier?.samples.map((s) => [labelsKey(s.labels), s.value]));
      increases = earlier === null ? null : family.samples.map((s) => counterIncrease(before.get(labelsKey(s.labels)), s.value));
      this.sampleIncreases.set(family, increases);
    }
    return increases;
  }

  private bucketIncreasesOf(family: MetricFamily, pod: ScrapedPod): number[][] | null {
    let increases = this.bucketIncreases.get(family);
    if (increases === undefined) {
      const earlier = this.earlier(pod, family.name);
      const before = new Map(earlier?.histograms.map((h) => [labelsKey(h.labels), new Map(h.buckets.map((b) => [b.le, b.count]))]));
      increases = earlier === null ? null : family.histograms.map((h) => {
        const counts = before.get(labelsKey(h.labels));
        return h.buckets.map((b) => counterIncrease(counts?.get(b.le), b.count));
      });
      this.bucketIncreases.set(family, increases);
    }
    return increases;
  }
}
