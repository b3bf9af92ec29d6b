/**
 * Output of `meshaware edges` and `meshaware stat`: an aligned table for people, in the spirit of
 * `linkerd viz edges` / `linkerd viz stat`, and JSON for scripts with field names of our own:
 *
 * edges: `{ windowSeconds, edges: [{ source, destination, requestsPerSecond, successRate, latencyMs: {p50, p95, p99},
 *   openConnections, secured, noTlsReason, clientIdentity, serverIdentity, allowedRps, deniedRps, allowedConnectionsPerSecond,
 *   deniedConnectionsPerSecond }] }`, where `source` and `destination` are `{ kind, namespace, name, meshed }` (kind
 *   `UnmeshedClients` for plaintext callers the proxy cannot name); allowedRps/deniedRps are the requests the destination's
 *   policy admitted and refused of them, and the ConnectionsPerSecond pair the connections (opaque and TCP ports) (null: not reported).
 * stat: `{ windowSeconds, workloads: [{ kind, namespace, name, meshedPods, totalPods, requestsPerSecond,
 *   successRate, latencyMs: {p50, p95, p99}, openConnections }] }`, traffic received by each workload.
 *
 * authz: `{ windowSeconds, authorizations: [{ namespace, workload, protocol, server, port, route, authorization, audit,
 *   terminated, client, allowedRps, deniedRps }] }`; `audit` marks requests admitted only by audit mode, which would be
 *   denied without it. A row of `protocol` `tcp` counts connections, not requests: it has `allowedConnectionsPerSecond` and
 *   `deniedConnectionsPerSecond` instead of the Rps pair, `route` null, and `terminated` true for connections closed when a
 *   policy change stopped admitting them.
 *
 * Every output also carries `unreadPods: [{ namespace, name, reason }]`: meshed pods whose proxy could not be read, so
 * their traffic is missing (always empty from Prometheus).
 *
 * Rates are per second, latencies in milliseconds, successRate a fraction; null means no traffic to measure.
 */
import { AUDIT_TEXT, isAudit } from './audit';
import { authzUnit } from './authz';
import { UNMESHED_CALLERS_KIND, type AuthzRow, type TrafficEdge, type TrafficModel, type WorkloadNode } from './model';

export type OutputFormat = 'table' | 'json';

/** A proxy whose metrics are missing from the output, as the JSON names it. */
export interface UnreadRecord {
  readonly namespace: string;
  readonly name: string;
  readonly reason: string;
}

export const unreadRecords = (unread: readonly UnreadRecord[]) => unread.map(({ namespace, name, reason }) => ({ namespace, name, reason }));

function endpoint(node: WorkloadNode | undefined, id: string): { kind: string; namespace: string; name: string; meshed: boolean } {
  if (!node) throw new Error(`edge refers to unknown node ${id}`);
  return { kind: node.kind, namespace: node.namespace, name: node.name, meshed: node.meshed };
}

function edgeRecord(e: TrafficEdge, nodes: ReadonlyMap<string, WorkloadNode>): object {
  return {
    source: endpoint(nodes.get(e.source), e.source),
    destination: endpoint(nodes.get(e.destination), e.destination),
    requestsPerSecond: e.requestsPerSecond,
    successRate: e.successRate,
    latencyMs: e.latencyMs,
    openConnections: e.openConnections,
    secured: e.mtls.secured,
    noTlsReason: e.mtls.noTlsReason,
    clientIdentity: e.clientIdentity,
    serverIdentity: e.serverIdentity,
    allowedRps: e.authz?.requests?.allowed ?? null,
    deniedRps: e.authz?.requests?.denied ?? null,
    allowedConnectionsPerSecond: e.authz?.connections?.allowed ?? null,
    deniedConnectionsPerSecond: e.authz?.connections?.denied ?? null,
  };
}

/** Workloads that exist in the cluster, as opposed to the stand-in for unmeshed callers. */
function workloads(model: TrafficModel): WorkloadNode[] {
  return model.nodes.filter((n) => n.kind !== UNMESHED_CALLERS_KIND);
}

export function formatEdges(model: TrafficModel, format: OutputFormat, unread: readonly UnreadRecord[] = []): string {
  const nodes = new Map(model.nodes.map((n) => [n.id, n]));
  if (format === 'json') return `${JSON.stringify({ windowSeconds: model.windowSeconds, edges: model.edges.map((e) => edgeRecord(e, nodes)), unreadPods: unreadRecords(unread) }, null, 2)}\n`;
  const rows = model.edges.map((e) => {
    const src = nodes.get(e.source);
    const dst = nodes.get(e.destination);
    return [
      src ? displayName(src) : e.source,
      src?.namespace ?? '',
      dst ? displayName(dst) : e.destination,
      dst?.namespace ?? '',
      rate(e.requestsPerSecond),
      percent(e.successRate),
      ms(e.latencyMs.p50),
      ms(e.latencyMs.p95),
      ms(e.latencyMs.p99),
      String(e.openConnections),
      e.mtls.secured ? '✓' : reasonText(e.mtls.noTlsReason),
      shortIdentity(e.clientIdentity),
      shortIdentity(e.serverIdentity),
    ];
  });
  return table(['SRC', 'SRC_NS', 'DST', 'DST_NS', 'RPS', 'SUCCESS', 'P50', 'P95', 'P99', 'CONN', 'SECURED', 'CLIENT_ID', 'SERVER_ID'], rows, 'No traffic between workloads in this window.');
}

export function formatStat(model: TrafficModel, format: OutputFormat, unread: readonly UnreadRecord[] = []): string {
  const list = workloads(model);
  if (format === 'json') {
    const records = list.map((n) => ({
      kind: n.kind,
      namespace: n.namespace,
      name: n.name,
      meshedPods: n.meshedPods,
      totalPods: n.totalPods,
      requestsPerSecond: n.inbound?.requestsPerSecond ?? null,
      successRate: n.inbound?.successRate ?? null,
      latencyMs: n.inbound?.latencyMs ?? { p50: null, p95: null, p99: null },
      openConnections: n.inbound?.openConnections ?? null,
    }));
    return `${JSON.stringify({ windowSeconds: model.windowSeconds, workloads: records, unreadPods: unreadRecords(unread) }, null, 2)}\n`;
  }
  const rows = list.map((n) => [
    n.namespace,
    displayName(n),
    `${n.meshedPods}/${n.totalPods}`,
    percent(n.inbound?.successRate ?? null),
    n.inbound ? rate(n.inbound.requestsPerSecond) : '-',
    ms(n.inbound?.latencyMs.p50 ?? null),
    ms(n.inbound?.latencyMs.p95 ?? null),
    ms(n.inbound?.latencyMs.p99 ?? null),
    n.inbound ? String(n.inbound.openConnections) : '-',
  ]);
  return table(['NAMESPACE', 'NAME', 'MESHED', 'SUCCESS', 'RPS', 'LATENCY_P50', 'LATENCY_P95', 'LATENCY_P99', 'TCP_CONN'], rows, 'No workloads found.');
}

/** A row's numbers under the names that carry their unit: requests (`…Rps`) or connections per second. */
function authzNumbers(r: AuthzRow): Record<string, number> {
  return authzUnit(r) === 'connections'
    ? { allowedConnectionsPerSecond: r.allowedRps, deniedConnectionsPerSecond: r.deniedRps }
    : { allowedRps: r.allowedRps, deniedRps: r.deniedRps };
}

export function formatAuthz(model: TrafficModel, format: OutputFormat, unread: readonly UnreadRecord[] = []): string {
  const nodes = new Map(model.nodes.map((n) => [n.id, n]));
  const rows = model.authorizations ?? [];
  if (format === 'json') {
    const records = rows.map((r) => {
      const n = nodes.get(r.destination);
      return { namespace: n?.namespace ?? '', workload: { kind: n?.kind ?? '', name: n?.name ?? '' }, protocol: r.protocol, server: r.server, port: r.port, route: r.route, authorization: r.authorization, audit: isAudit(r.authorization), terminated: r.terminated === true, client: r.client, ...authzNumbers(r) };
    });
    return `${JSON.stringify({ windowSeconds: model.windowSeconds, authorizations: records, unreadPods: unreadRecords(unread) }, null, 2)}\n`;
  }
  // A route of kind and name '' is the row of requests no route matched (authz.ts refusalOf); connections have none.
  const label = (l: { kind: string; name: string } | null) => (l === null ? '-' : l.kind === 'default' ? `default:${l.name}` : l.kind === '' && l.name === '' ? '(not found)' : l.name);
  const cells = rows.map((r) => {
    const n = nodes.get(r.destination);
    const authorization = r.terminated ? '(terminated)' : !r.authorization ? '-' : isAudit(r.authorization) ? AUDIT_TEXT : r.authorization.kind === 'default' ? `default:${r.authorization.name}` : `${r.authorization.kind}/${r.authorization.name}`;
    const amount = authzUnit(r) === 'connections' ? connRate : rate;
    return [n?.namespace ?? '', n ? displayName(n) : r.destination, label(r.server), label(r.route), authorization, r.client ? shortIdentity(r.client) : '(no identity)', amount(r.allowedRps), amount(r.deniedRps)];
  });
  return table(['NAMESPACE', 'WORKLOAD', 'SERVER', 'ROUTE', 'AUTHORIZATION', 'CLIENT', 'ALLOWED', 'DENIED'], cells, 'No authorization counts in this window (no meshed workload received requests or connections, or its proxies report none).');
}

/** `deployment/web`, as kubectl names resources. */
export function displayName(n: WorkloadNode): string {
  return n.kind === UNMESHED_CALLERS_KIND ? '(unmeshed clients)' : `${n.kind.toLowerCase()}/${n.name}`;
}

export function rate(perSecond: number): string {
  return `${perSecond.toFixed(1)}rps`;
}

/** Connections per second, where Linkerd authorizes connections rather than requests; two decimals, as they are few. */
export function connRate(perSecond: number): string {
  return `${perSecond.toFixed(2)}conn/s`;
}

export function percent(fraction: number | null): string {
  return fraction === null ? '-' : `${(fraction * 100).toFixed(2)}%`;
}

export function ms(value: number | null): string {
  return value === null ? '-' : `${Math.round(value)}ms`;
}

/** `not_provided_by_service_discovery` → `Not Provided By Service Discovery`, as viz prints reasons. */
function reasonText(reason: string | null): string {
  if (!reason) return 'no';
  return reason.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** `web.emojivoto.serviceaccount.identity.linkerd.cluster.local` → `web.emojivoto`, as viz trims identities. */
export function shortIdentity(identity: string | null): string {
  if (!identity) return '-';
  return identity.split('.').slice(0, 2).join('.');
}

export function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `${empty}\n`;
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd();
  return `${[headers, ...rows].map(line).join('\n')}\n`;
}
