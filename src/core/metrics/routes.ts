/**
 * Per-route rows of the traffic model from the route queries' results (routeQueries.ts): one row per reporting
 * workload, direction, parent and route, with requests per second, success rate and latency quantiles. Both
 * sources feed it the same vectors, so they agree on what a route row is.
 */
import { workloadFromLabels } from './kinds';
import { workloadId } from '../workloadKinds';
import { labelsKey, type Labels } from './labels';
import type { RouteRow } from './model';
import { perSecond } from './counters';
import { QUANTILES, type QuantileName, type TrafficQueries, type Vector } from './queries';
import { ROUTE_VIEWS, routeFailed } from './routeQueries';

const ROW_LABELS = ['parent_kind', 'parent_namespace', 'parent_name', 'parent_port', 'route_kind', 'route_namespace', 'route_name'];

interface Draft {
  row: Omit<RouteRow, 'requestsPerSecond' | 'successRate' | 'latencyMs'>;
  success: number;
  failure: number;
  latency: Record<QuantileName, number | null>;
}

export function routeRows(results: TrafficQueries<Vector>['routes'], windowSeconds: number): RouteRow[] {
  const drafts = new Map<string, Draft>();
  const draftOf = (labels: Labels, direction: RouteRow['direction'], protocol: RouteRow['protocol']): Draft | undefined => {
    const w = workloadFromLabels(labels, '');
    if (!w) return undefined;
    const own: Labels = {};
    for (const l of ROW_LABELS) if (labels[l]) own[l] = labels[l];
    const key = `${direction}\u0000${protocol}\u0000${workloadId(w)}\u0000${labelsKey(own)}`;
    let d = drafts.get(key);
    if (!d) {
      const port = Number(labels.parent_port);
      // The inbound families carry no namespaces: the Server and its routes are in the reporting pod's.
      const namespace = (n: string | undefined) => n || (direction === 'inbound' ? w.namespace : '');
      const row = {
        direction,
        protocol,
        workload: workloadId(w),
        parent: { kind: labels.parent_kind ?? '', namespace: namespace(labels.parent_namespace), name: labels.parent_name ?? '', port: Number.isInteger(port) && port > 0 ? port : null },
        route: { kind: labels.route_kind ?? '', namespace: labels.route_kind === 'default' ? '' : namespace(labels.route_namespace), name: labels.route_name ?? '' },
      };
      drafts.set(key, (d = { row, success: 0, failure: 0, latency: { p50: null, p95: null, p99: null } }));
    }
    return d;
  };
  for (const { key, direction, protocol } of ROUTE_VIEWS) {
    const view = results[key];
    for (const { labels, value } of view.statuses) {
      const d = draftOf(labels, direction, protocol);
      if (!d) continue;
      if (routeFailed(labels, direction, protocol)) d.failure += value;
      else d.success += value;
    }
    for (const q of Object.keys(QUANTILES) as QuantileName[]) {
      for (const { labels, value } of view.latency[q]) {
        const d = draftOf(labels, direction, protocol);
        // Seconds, as the route families measure; NaN is histogram_quantile's "no observations".
        if (d && !Number.isNaN(value)) d.latency[q] = value * 1000;
      }
    }
  }
  return [...drafts.values()]
    .map(({ row, success, failure, latency }) => {
      const total = success + failure;
      return { ...row, requestsPerSecond: perSecond(total, windowSeconds), successRate: total > 0 ? success / total : null, latencyMs: latency };
    })
    .filter((r) => r.requestsPerSecond > 0 || r.latencyMs.p50 !== null)
    .sort((a, b) => a.workload.localeCompare(b.workload) || a.direction.localeCompare(b.direction) || a.parent.name.localeCompare(b.parent.name) || a.route.name.localeCompare(b.route.name));
}
