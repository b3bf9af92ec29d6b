/**
 * Output of `meshaware stat --routes`: per-route traffic as the proxies report it, like `linkerd viz
 * stat-outbound` (the caller's routes to a Service) and `stat-inbound` (the server's routes under its Server).
 *
 * JSON: `{ windowSeconds, routes: [{ direction, protocol, workload: { kind, namespace, name }, parent: { kind,
 * namespace, name, port }, route: { kind, namespace, name }, requestsPerSecond, successRate, latencyMs:
 * {p50, p95, p99} }], unreadPods }`. A route of kind `default` is the one the proxy uses when none is attached.
 */
import { displayName, ms, percent, rate, table, unreadRecords, type OutputFormat, type UnreadRecord } from './format';
import type { RouteRow, TrafficModel } from './model';

/** `httproute/web-vote`, `[default]` as viz prints the default route. */
export function routeName(r: RouteRow['route']): string {
  return r.kind === 'default' ? '[default]' : `${r.kind.toLowerCase()}/${r.name}`;
}

/** `service/web-svc:80`, or `server/web-http:8080`, or `[default:all-unauthenticated]:8080`. */
export function parentName(p: RouteRow['parent']): string {
  const name = p.kind === 'default' ? `[default:${p.name}]` : `${p.kind.toLowerCase()}/${p.name}`;
  return p.port === null ? name : `${name}:${p.port}`;
}

export function formatRoutes(model: TrafficModel, format: OutputFormat, unread: readonly UnreadRecord[] = []): string {
  const nodes = new Map(model.nodes.map((n) => [n.id, n]));
  const rows = model.routes ?? [];
  if (format === 'json') {
    const records = rows.map((r) => {
      const n = nodes.get(r.workload);
      return { direction: r.direction, protocol: r.protocol, workload: { kind: n?.kind ?? '', namespace: n?.namespace ?? '', name: n?.name ?? '' }, parent: r.parent, route: r.route, requestsPerSecond: r.requestsPerSecond, successRate: r.successRate, latencyMs: r.latencyMs };
    });
    return `${JSON.stringify({ windowSeconds: model.windowSeconds, routes: records, unreadPods: unreadRecords(unread) }, null, 2)}\n`;
  }
  const cells = rows.map((r) => {
    const n = nodes.get(r.workload);
    return [n?.namespace ?? '', n ? displayName(n) : r.workload, r.direction, parentName(r.parent), routeName(r.route), percent(r.successRate), rate(r.requestsPerSecond), ms(r.latencyMs.p50), ms(r.latencyMs.p95), ms(r.latencyMs.p99)];
  });
  return table(['NAMESPACE', 'WORKLOAD', 'DIRECTION', 'PARENT', 'ROUTE', 'SUCCESS', 'RPS', 'LATENCY_P50', 'LATENCY_P95', 'LATENCY_P99'], cells, 'No route traffic in this window (no proxy reported route metrics).');
}
