/**
 * The traffic queries (queries.ts) evaluated incrementally over proxy scrapes, as Prometheus evaluates them over
 * its samples: gauges summed from the latest scrape, counters and histogram buckets as increases with reset
 * handling, grouped `by` the query's labels. A series is matched and grouped once, when first seen: its
 * "shape" lists the groups it feeds, and later scrapes only add numbers to those groups.
 */
import { labelsKey, type Labels } from './labels';
import { histogramQuantile } from './quantile';
import { AUTHZ_FAMILIES, AUTHZ_FAMILY_KEYS, CONNECTIONS, LATENCY, RESPONSES, allQuerySpecs, labelNames, type AuthzFamily, type Matcher, type QuerySpec, type TrafficQueries, type Vector } from './queries';
import { withTargetLabels } from './relabel';
import { ROUTE_VIEWS, routeFamilies, type RouteView } from './routeQueries';

/** How a family's samples combine: a gauge as is, a counter as its increase, histogram buckets as increases per bound. */
type Kind = 'gauge' | 'counter' | 'buckets';

/** The exposition's sample names the model reads, and how. Every other line of a proxy's metrics is skipped. */
export const SAMPLE_KINDS: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  [CONNECTIONS, 'gauge'],
  [RESPONSES, 'counter'],
  [`${LATENCY}_bucket`, 'buckets'],
  ...AUTHZ_FAMILY_KEYS.map((k): [string, Kind] => [AUTHZ_FAMILIES[k].metric, 'counter']),
  ...ROUTE_VIEWS.flatMap((v): [string, Kind][] => {
    const f = routeFamilies(v.direction, v.protocol);
    return [[f.statuses, 'counter'], [`${f.duration}_bucket`, 'buckets']];
  }),
]);

interface Aggregation {
  readonly sample: string;
  readonly matchers: readonly Matcher[];
  readonly by: readonly string[];
  /** Grouping label values → group index; stable across refreshes because shapes hold these indexes. */
  readonly groups: Map<string, number>;
  readonly groupLabels: Labels[];
  /**
   * Per group: the sum (gauge, counter) or the increase per bucket bound (buckets) of the current refresh;
   * undefined for a group no sample reached this time, which Prometheus would leave out of the result.
   */
  sums: (number | undefined)[];
  buckets: (Map<number, number> | undefined)[];
}

export interface Shape {
  readonly kind: Kind;
  /** Aggregation and group index pairs this series adds to. */
  readonly slots: readonly number[];
  /** The bucket's upper bound, for histogram buckets. */
  readonly le: number;
}

function matches(labels: Labels, matchers: readonly Matcher[]): boolean {
  for (const m of matchers) if (((labels[m.label] ?? '') === m.value) !== (m.op === '=')) return false;
  return true;
}

function sampleOf(spec: QuerySpec): string {
  return spec.fn === 'quantile' ? `${spec.metric}_bucket` : spec.metric;
}

/** Same sample, matchers and grouping: one aggregation serves several queries (the three latency quantiles). */
function aggregationKey(spec: QuerySpec): string {
  return JSON.stringify([sampleOf(spec), spec.matchers, spec.by]);
}

export class Aggregator {
  private readonly aggregations: Aggregation[] = [];
  private readonly bySpec = new Map<QuerySpec, Aggregation>();
  private readonly shapeIds = new Map<string, number>();
  private readonly shapeList: Shape[] = [];
  private readonly names: ReadonlySet<string>;

  constructor(private readonly queries: TrafficQueries) {
    this.names = labelNames(queries);
    const byKey = new Map<string, Aggregation>();
    for (const spec of allQuerySpecs(queries)) {
      const key = aggregationKey(spec);
      let agg = byKey.get(key);
      if (!agg) {
        agg = { sample: sampleOf(spec), matchers: spec.matchers, by: spec.by, groups: new Map(), groupLabels: [], sums: [], buckets: [] };
        byKey.set(key, agg);
        this.aggregations.push(agg);
      }
      this.bySpec.set(spec, agg);
    }
  }

  shape(id: number): Shape {
    return this.shapeList[id];
  }

  /**
   * The shape of a series first seen in a scrape: its labels as Prometheus would store them (target labels
   * attached), matched against every aggregation of its sample (a shape may feed none). -1 when the series is
   * not a sample the model reads, or a bucket without a valid `le`.
   */
  shapeOf(sample: string, series: Labels, target: Labels): number {
    const kind = SAMPLE_KINDS.get(sample);
    if (!kind) return -1;
    let le = NaN;
    let own = series;
    if (kind === 'buckets') {
      const { le: bound, ...rest } = series;
      le = bound === '+Inf' ? Infinity : Number(bound);
      if (bound === undefined || Number.isNaN(le)) return -1;
      own = rest;
    }
    const labels = withTargetLabels(own, target, this.names);
    const key = `${sample}\u0000${labelsKey(labels)}\u0000${le}`;
    let id = this.shapeIds.get(key);
    if (id === undefined) {
      const slots: number[] = [];
      this.aggregations.forEach((agg, a) => {
        if (agg.sample === sample && matches(labels, agg.matchers)) slots.push(a, this.groupOf(agg, labels));
      });
      id = this.shapeList.length;
      this.shapeList.push({ kind, slots, le });
      this.shapeIds.set(key, id);
    }
    return id;
  }

  /** Empty label values are absent from Prometheus results, so they are left out of the group's labels too. */
  private groupOf(agg: Aggregation, labels: Labels): number {
    let key = '';
    for (const name of agg.by) key += `${labels[name] ?? ''}\u0000`;
    let g = agg.groups.get(key);
    if (g === undefined) {
      const groupLabels: Labels = {};
      for (const name of agg.by) if (labels[name]) groupLabels[name] = labels[name];
      g = agg.groupLabels.length;
      agg.groupLabels.push(groupLabels);
      agg.groups.set(key, g);
    }
    return g;
  }

  /** Starts a refresh: every sum back to zero. */
  reset(): void {
    for (const agg of this.aggregations) {
      agg.sums = [];
      agg.buckets = [];
    }
  }

  /** Adds a gauge's value, or a counter's or bucket's increase, to every group of the shape. */
  add(shapeId: number, amount: number): void {
    const { slots, kind, le } = this.shapeList[shapeId];
    for (let i = 0; i < slots.length; i += 2) {
      const agg = this.aggregations[slots[i]];
      const g = slots[i + 1];
      if (kind === 'buckets') {
        const perLe = (agg.buckets[g] ??= new Map());
        perLe.set(le, (perLe.get(le) ?? 0) + amount);
      } else {
        agg.sums[g] = (agg.sums[g] ?? 0) + amount;
      }
    }
  }

  /** Every query's result vector for this refresh, in the shape the model is assembled from. */
  results(): TrafficQueries<Vector> {
    const vector = (spec: QuerySpec): Vector => {
      const agg = this.bySpec.get(spec)!;
      const out: Vector = [];
      agg.groupLabels.forEach((labels, g) => {
        if (spec.fn !== 'quantile') {
          const value = agg.sums[g];
          if (value !== undefined) out.push({ labels, value });
          return;
        }
        const perLe = agg.buckets[g];
        if (perLe && perLe.size > 0) out.push({ labels, value: histogramQuantile(spec.q, [...perLe].map(([bound, count]) => ({ le: bound, count }))) });
      });
      return out;
    };
    const view = (v: TrafficQueries['edges']) => ({ connections: vector(v.connections), responses: vector(v.responses), latency: { p50: vector(v.latency.p50), p95: vector(v.latency.p95), p99: vector(v.latency.p99) } });
    const route = (v: RouteView<QuerySpec>): RouteView<Vector> => ({ statuses: vector(v.statuses), latency: { p50: vector(v.latency.p50), p95: vector(v.latency.p95), p99: vector(v.latency.p99) } });
    const r = this.queries.routes;
    return {
      edges: view(this.queries.edges),
      unmeshedCallers: view(this.queries.unmeshedCallers),
      inbound: view(this.queries.inbound),
      authz: Object.fromEntries(AUTHZ_FAMILY_KEYS.map((k) => [k, vector(this.queries.authz[k])])) as Record<AuthzFamily, Vector>,
      routes: { outboundHttp: route(r.outboundHttp), outboundGrpc: route(r.outboundGrpc), inboundHttp: route(r.inboundHttp), inboundGrpc: route(r.inboundGrpc) },
    };
  }
}
