/**
 * Inbound authorization in the traffic model: what each workload's proxies allowed and denied, by Server,
 * route, authorization and client identity (the rows of `meshaware authz`, like `linkerd viz authz`), and
 * the same numbers joined to the edges whose caller has that identity. Both sources feed it through the
 * same queries, one per family of queries.ts AUTHZ_FAMILIES: HTTP requests, and TCP connections.
 */
import { workloadFromLabels } from './kinds';
import { workloadId } from '../workloadKinds';
import type { Labels } from './labels';
import type { AuthzRates, EdgeAuthz, TrafficEdge, AuthzRow, WorkloadNode, Refusal } from './model';
import { UNMESHED_CALLERS_KIND } from './model';
import { perSecond } from './counters';
import { AUTHZ_FAMILIES, AUTHZ_FAMILY_KEYS, type AuthzQueries, type Vector } from './queries';

const ref = (labels: Labels, prefix: string) => ({ kind: labels[`${prefix}_kind`] ?? '', name: labels[`${prefix}_name`] ?? '' });

/** One row per destination, protocol, server, route, authorization and client; allowed and denied per second. */
export function authzRows(results: AuthzQueries<Vector>, windowSeconds: number): AuthzRow[] {
  const rows = new Map<string, AuthzRow & { allowed: number; denied: number }>();
  for (const family of AUTHZ_FAMILY_KEYS) {
    const { protocol, outcome } = AUTHZ_FAMILIES[family];
    for (const { labels, value } of results[family]) {
      const w = workloadFromLabels(labels, '');
      if (!w) continue;
      const port = Number(labels.srv_port);
      const row: AuthzRow = {
        destination: workloadId(w),
        protocol,
        server: ref(labels, 'srv'),
        port: Number.isInteger(port) && port > 0 ? port : null,
        // Connections have no route; inbound_http_route_not_found_total has no route labels, so its rows have a route of kind and name ''.
        route: protocol === 'tcp' ? null : ref(labels, 'route'),
        // Denials carry no authorization, so they share a row per server, route and client with no authorization.
        authorization: outcome === 'allow' ? ref(labels, 'authz') : null,
        ...(outcome === 'terminate' ? { terminated: true as const } : {}),
        client: labels.tls === 'true' && labels.client_id ? labels.client_id : null,
        allowedRps: 0,
        deniedRps: 0,
      };
      const key = JSON.stringify([row.destination, protocol, row.server, row.port, row.route, row.authorization, outcome === 'terminate', row.client]);
      let r = rows.get(key);
      if (!r) rows.set(key, (r = { ...row, allowed: 0, denied: 0 }));
      if (outcome === 'allow') r.allowed += value;
      else r.denied += value;
    }
  }
  const name = (l: { name: string } | null) => l?.name ?? '';
  return [...rows.values()]
    .map(({ allowed, denied, ...r }) => ({ ...r, allowedRps: perSecond(allowed, windowSeconds), deniedRps: perSecond(denied, windowSeconds) }))
    .sort((a, b) =>
      a.destination.localeCompare(b.destination) || a.server.name.localeCompare(b.server.name) || a.protocol.localeCompare(b.protocol) || name(a.route).localeCompare(name(b.route)) ||
      (a.client ?? '').localeCompare(b.client ?? '') || name(a.authorization).localeCompare(name(b.authorization)) || Number(a.terminated ?? false) - Number(b.terminated ?? false));
}

/**
 * Why a row's requests or connections were refused, in Linkerd's terms (linkerd2-proxy linkerd/app/inbound/src/
 * policy/http.rs: a request no route matched is counted by `inbound_http_route_not_found_total`, one no
 * authorization admitted by `inbound_http_authz_deny_total`; policy/tcp.rs: a connection by
 * `inbound_tcp_authz_deny_total` when it opens, or `_terminate_total` when a policy change no longer admits it;
 * a port no Server selects carries the default policy as `srv_kind="default"`, policy-controller/k8s/index/src/
 * inbound/index.rs). Undefined for a row of allowed requests or connections.
 */
export function refusalOf(row: AuthzRow): Refusal | undefined {
  if (row.authorization) return undefined;
  if (row.terminated) return 'terminated';
  if (row.route && row.route.kind === '' && row.route.name === '') return 'routeNotFound';
  return row.server.kind === 'default' ? 'defaultDeny' : 'unauthorized';
}

/** The unit of a row's numbers, in words. */
export function authzUnit(row: Pick<AuthzRow, 'protocol'>): 'requests' | 'connections' {
  return row.protocol === 'tcp' ? 'connections' : 'requests';
}

type Tally = { allowed: number; denied: number };

/**
 * Each edge's share of its destination's allowed and denied requests and connections: the rows whose client is
 * the edge's caller identity (unauthenticated rows go to the unmeshed-callers edge). Callers sharing an identity
 * share its numbers in proportion to what each sent — requests, or open connections — and equally when none did.
 */
export function joinAuthz(edges: readonly TrafficEdge[], nodes: readonly WorkloadNode[], rows: readonly AuthzRow[]): TrafficEdge[] {
  if (rows.length === 0) return [...edges];
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  const callerKey = (e: TrafficEdge) => `${e.destination}\u0000${kindOf.get(e.source) === UNMESHED_CALLERS_KIND ? '' : (e.clientIdentity ?? '')}`;
  const totals = new Map<string, { requests?: Tally; connections?: Tally }>();
  for (const r of rows) {
    const key = `${r.destination}\u0000${r.client ?? ''}`;
    const t = totals.get(key) ?? {};
    const u = (t[authzUnit(r)] ??= { allowed: 0, denied: 0 });
    u.allowed += r.allowedRps;
    u.denied += r.deniedRps;
    totals.set(key, t);
  }
  const sent = new Map<string, { requests: number; connections: number; edges: number }>();
  for (const e of edges) {
    const s = sent.get(callerKey(e)) ?? { requests: 0, connections: 0, edges: 0 };
    s.requests += e.requestsPerSecond;
    s.connections += e.openConnections;
    s.edges++;
    sent.set(callerKey(e), s);
  }
  return edges.map((e) => {
    const t = totals.get(callerKey(e));
    if (!t) return e;
    const all = sent.get(callerKey(e))!;
    const part = (tally: Tally, mine: number, of: number): AuthzRates => {
      const share = of > 0 ? mine / of : 1 / all.edges;
      return { allowed: tally.allowed * share, denied: tally.denied * share };
    };
    const authz: EdgeAuthz = {
      ...(t.requests ? { requests: part(t.requests, e.requestsPerSecond, all.requests) } : {}),
      ...(t.connections ? { connections: part(t.connections, e.openConnections, all.connections) } : {}),
    };
    return { ...e, authz };
  });
}
