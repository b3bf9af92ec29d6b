/**
 * A stand-in for linkerd-viz's Prometheus in tests: it stores the fixture scrapes as Prometheus would (with
 * the scrape job's target labels) and answers the three PromQL shapes we send by reading the query text.
 * It is written independently of src/core/metrics/evaluate.ts, so agreeing with it means the PromQL says
 * what the proxy source computes.
 */
import type { Labels } from '../../../src/core/metrics/labels';
import type { PodMeta } from '../../../src/core/metrics/model';
import { parseExposition } from '../../../src/core/metrics/parser';
import type { PrometheusQuery } from '../../../src/core/metrics/prometheus';
import { histogramQuantile } from '../../../src/core/metrics/quantile';
import { targetLabels, withTargetLabels } from '../../../src/core/metrics/relabel';

interface StoredSeries {
  name: string;
  labels: Labels;
  /** Values at the earlier and the later scrape. */
  values: [number | undefined, number | undefined];
}

const promValue = (v: number): string => (v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));

export class PrometheusOracle implements Pick<PrometheusQuery, 'query'> {
  readonly queries: string[] = [];
  private readonly series = new Map<string, StoredSeries>();

  constructor(private readonly seconds: number) {}

  ingest(pod: PodMeta, scrape: 0 | 1, text: string): void {
    const target = targetLabels(pod);
    const store = (name: string, labels: Labels, value: number): void => {
      const all = withTargetLabels(labels, target);
      const key = name + JSON.stringify(Object.entries(all).sort());
      let s = this.series.get(key);
      if (!s) this.series.set(key, (s = { name, labels: all, values: [undefined, undefined] }));
      s.values[scrape] = value;
    };
    for (const f of parseExposition(text).families) {
      for (const s of f.samples) store(s.name, s.labels, s.value);
      for (const h of f.histograms) for (const b of h.buckets) store(`${f.name}_bucket`, { ...h.labels, le: b.le === Infinity ? '+Inf' : String(b.le) }, b.count);
    }
  }

  query(promql: string): Promise<unknown> {
    this.queries.push(promql);
    const result = this.evaluate(promql).map(({ labels, value }) => ({ metric: labels, value: [1_764_000_060, promValue(value)] }));
    return Promise.resolve({ status: 'success', data: { resultType: 'vector', result } });
  }

  private evaluate(promql: string): Array<{ labels: Labels; value: number }> {
    let m = /^sum\((\w+)\{(.*)\}\) by \((.*)\)$/.exec(promql);
    if (m) return this.sumBy(m[1], m[2], m[3], (s) => s.values[1]);
    m = /^sum\(increase\((\w+)\{(.*)\}\[(\d+)s\]\)\) by \((.*)\)$/.exec(promql);
    if (m) return this.sumBy(m[1], m[2], m[4], increase);
    m = /^sum\(irate\((\w+)\{(.*)\}\[(\d+)s\]\)\) by \((.*)\)$/.exec(promql);
    if (m) {
      return this.sumBy(m[1], m[2], m[4], (s) => {
        const inc = increase(s);
        return inc === undefined ? undefined : inc / this.seconds;
      });
    }
    m = /^histogram_quantile\(([\d.]+), sum\(irate\((\w+)\{(.*)\}\[(\d+)s\]\)\) by \(le, (.*)\)\)$/.exec(promql);
    if (!m) throw new Error(`the oracle does not understand ${promql}`);
    const q = Number(m[1]);
    const rates = this.sumBy(m[2], m[3], `le, ${m[5]}`, (s) => {
      const inc = increase(s);
      return inc === undefined ? undefined : inc / this.seconds;
    });
    const groups = new Map<string, { labels: Labels; buckets: Array<{ le: number; count: number }> }>();
    for (const { labels, value } of rates) {
      const { le, ...rest } = labels;
      const key = JSON.stringify(Object.entries(rest).sort());
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { labels: rest, buckets: [] }));
      g.buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: value });
    }
    return [...groups.values()].map((g) => ({ labels: g.labels, value: histogramQuantile(q, g.buckets) }));
  }

  private sumBy(metric: string, matcherText: string, byText: string, valueOf: (s: StoredSeries) => number | undefined): Array<{ labels: Labels; value: number }> {
    const matchers = [...matcherText.matchAll(/(\w+)(!=|=)("(?:[^"\\]|\\.)*")/g)].map(([, label, op, quoted]) => ({ label, op, value: JSON.parse(quoted) as string }));
    const by = byText.split(', ');
    const out = new Map<string, { labels: Labels; value: number }>();
    for (const s of this.series.values()) {
      if (s.name !== metric) continue;
      if (!matchers.every(({ label, op, value }) => ((s.labels[label] ?? '') === value) === (op === '='))) continue;
      const value = valueOf(s);
      if (value === undefined) continue;
      const labels = Object.fromEntries(by.filter((l) => s.labels[l]).map((l) => [l, s.labels[l]]));
      const key = JSON.stringify(Object.entries(labels).sort());
      const g = out.get(key);
      if (g) g.value += value;
      else out.set(key, { labels, value });
    }
    return [...out.values()];
  }
}

/**
 * Growth between the two scrapes; a drop is a reset. Real Prometheus would ignore a series whose first sample
 * is the later one; the proxy source counts it from zero (a proxy creates a series at its first request),
 * and the oracle follows that so the comparison covers everything else.
 */
function increase(s: StoredSeries): number | undefined {
  const [before, after] = s.values;
  if (after === undefined) return undefined;
  if (before === undefined) return after;
  return after >= before ? after - before : after;
}
