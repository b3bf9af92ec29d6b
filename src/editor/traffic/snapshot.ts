// The metrics model as the panel's protocol carries it. Free of `vscode`.
import { refusalOf } from '../../core/metrics/authz';
import { parentName, routeName } from '../../core/metrics/formatRoutes';
import { UNMESHED_CALLERS_KIND, type AuthzRow } from '../../core/metrics/model';
import type { TrafficRead } from '../../core/traffic/reader';
import { unreadHint, unreadSummary } from '../../core/traffic/unread';
import type { AuthzEntry, TrafficGaps, TrafficSnapshot } from '../../shared/trafficProtocol';

/** The page lists this many unread pods at most; the summary counts them all. */
const LISTED_GAPS = 100;

function gapsOf(read: TrafficRead): TrafficGaps | undefined {
  if (read.unread.length === 0) return undefined;
  return {
    summary: unreadSummary(read.unread, read.meshedPods),
    hint: unreadHint(read.unread),
    pods: read.unread.slice(0, LISTED_GAPS).map((u) => ({ namespace: u.namespace, name: u.name, reason: u.reason })),
  };
}

function toEntry(r: AuthzRow): AuthzEntry {
  const refusal = refusalOf(r);
  return {
    destination: r.destination,
    protocol: r.protocol,
    server: r.server,
    port: r.port,
    route: refusal === 'routeNotFound' ? null : r.route,
    authorization: r.authorization,
    client: r.client,
    allowedRps: r.allowedRps,
    deniedRps: r.deniedRps,
    ...(refusal ? { refusal } : {}),
  };
}

export function toSnapshot(read: TrafficRead, context: string, updatedAt: number): TrafficSnapshot {
  const { model } = read;
  const unreadByWorkload = new Map<string, number>();
  for (const u of read.unread) if (u.workload) unreadByWorkload.set(u.workload, (unreadByWorkload.get(u.workload) ?? 0) + 1);
  const gaps = gapsOf(read);
  return {
    context,
    source: read.source,
    origin: read.origin,
    ...(gaps ? { gaps } : {}),
    updatedAt,
    ...(read.systemNamespaces ? { systemNamespaces: read.systemNamespaces } : {}),
    nodes: model.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      namespace: n.namespace,
      meshedPods: n.meshedPods,
      totalPods: n.totalPods,
      meshed: n.meshed,
      ...(n.kind === UNMESHED_CALLERS_KIND ? { aggregate: true } : {}),
      ...(unreadByWorkload.has(n.id) ? { unreadPods: unreadByWorkload.get(n.id) } : {}),
    })),
    edges: model.edges.map((e) => {
      const { p50, p95, p99 } = e.latencyMs;
      return {
        id: e.id,
        source: e.source,
        target: e.destination,
        requestsPerSecond: e.requestsPerSecond,
        successRate: e.successRate,
        latencyMs: p50 === null && p95 === null && p99 === null ? null : { p50, p95, p99 },
        openConnections: e.openConnections,
        // The page shows an edge as secured exactly when this is empty, so an unsecured edge never has ''.
        noTlsReason: e.mtls.secured ? '' : e.mtls.noTlsReason || 'unknown',
        clientIdentity: e.clientIdentity ?? undefined,
        serverIdentity: e.serverIdentity ?? undefined,
        ...(e.authz?.requests ? { allowedRps: e.authz.requests.allowed, deniedRps: e.authz.requests.denied } : {}),
        ...(e.authz?.connections ? { allowedCps: e.authz.connections.allowed, deniedCps: e.authz.connections.denied } : {}),
      };
    }),
    ...(model.routes?.length ? { routes: model.routes.map((r) => ({ workload: r.workload, direction: r.direction, parent: parentName(r.parent), route: routeName(r.route), requestsPerSecond: r.requestsPerSecond, successRate: r.successRate, latencyMs: r.latencyMs })) } : {}),
    ...(model.authorizations?.length ? { authorizations: model.authorizations.map(toEntry) } : {}),
  };
}
