/**
 * Inbound authorization in the traffic model: what each workload's proxies allowed and denied, by Server,
 * route, authorization and client identity (the rows of `meshaware authz`, like `linkerd viz authz`), and
 * the same numbers joined to the edges whose caller has that identity. Both sources feed it through the
 * same two queries (queries.ts `authz`).
 */
import { workloadFromLabels } from './kinds';
import { workloadId } from '../workloadKinds';
import type { Labels } from './labels';
import type { EdgeAuthz, TrafficEdge, AuthzRow, WorkloadNode, Refusal } from './model';
import { UNMESHED_CALLERS_KIND } from './model';
import { perSecond } from './counters';
import type { AuthzQueries, Vector } from './queries';

const ref = (labels: Labels, prefix: string) => ({ kind: labels[`${prefix}_kind`] ?? '', name: labels[`${prefix}_name`] ?? '' });

/** One row per destination, server, route, authorization and client; allowed and denied requests per second. */
export function authzRows(results: AuthzQueries<Vector>, windowSeconds: number): AuthzRow[] {
  const rows = new Map<string, AuthzRow & { allowed: number; denied: number }>();
  const add = (labels: Labels, value: number, allowed: boolean) => {
    const w = workloadFromLabels(labels, '');
    if (!w) return;
    const client = labels.tls === 'true' && labels.client_id ? labels.client_id : null;
    const authorization = allowed ? ref(labels, 'authz') : null;
    const port = Number(labels.srv_port);
    const row = { destination: workloadId(w), server: ref(labels, 'srv'), port: Number.isInteger(port) && port > 0 ? port : null, route: ref(labels, 'route'), client };
    // Denials carry no authorization, so they share a row per server, route and client with no authorization.
    const key = JSON.stringify([row, authorization]);
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { ...row, authorization, allowedRps: 0, deniedRps: 0, allowed: 0, denied: 0 }));
    if (allowed) r.allowed += value;
    else r.denied += value;
  };
  for (const { labels, value } of results.allow) add(labels, value, true);
  for (const { labels, value } of results.deny) add(labels, value, false);
  // inbound_http_route_not_found_total has no route labels: its rows have a route of kind and name ''.
  for (const { labels, value } of results.notFound) add(labels, value, false);
  return [...rows.values()]
    .map(({ allowed, denied, ...r }) => ({ ...r, allowedRps: perSecond(allowed, windowSeconds), deniedRps: perSecond(denied, windowSeconds) }))
    .sort((a, b) => a.destination.localeCompare(b.destination) || a.server.name.localeCompare(b.server.name) || a.route.name.localeCompare(b.route.name) || (a.client ?? '').localeCompare(b.client ?? ''));
}

/**
 * Why a row's requests were refused, in Linkerd's terms (linkerd2-proxy linkerd/app/inbound/src/policy/http.rs:
 * a request no route matched is counted by `inbound_http_route_not_found_total`, one no authorization admitted by
 * `inbound_http_authz_deny_total`; a port no Server selects carries the default policy as `srv_kind="default"`,
 * policy-controller/k8s/index/src/inbound/index.rs). Undefined for a row of allowed requests.
 */
export function refusalOf(row: AuthzRow): Refusal | undefined {
  if (row.authorization) return undefined;
  if (row.route.kind === '' && row.route.name === '') return 'routeNotFound';
  return row.server.kind === 'default' ? 'defaultDeny' : 'unauthorized';
}

/**
 * Each edge's share of its destination's allowed and denied requests: the rows whose client is the edge's
 * caller identity (unauthenticated rows go to the unmeshed-callers edge). Callers sharing an identity share
 * its numbers in proportion to the requests each sent.
 */
export function joinAuthz(edges: readonly TrafficEdge[], nodes: readonly WorkloadNode[], rows: readonly AuthzRow[]): TrafficEdge[] {
  if (rows.length === 0) return [...edges];
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  const callerKey = (e: TrafficEdge) => `${e.destination}\u0000${kindOf.get(e.source) === UNMESHED_CALLERS_KIND ? '' : (e.clientIdentity ?? '')}`;
  const totals = new Map<string, { allowed: number; denied: number }>();
  for (const r of rows) {
    const key = `${r.destination}\u0000${r.client ?? ''}`;
    const t = totals.get(key) ?? { allowed: 0, denied: 0 };
    t.allowed += r.allowedRps;
    t.denied += r.deniedRps;
    totals.set(key, t);
  }
  const sent = new Map<string, number>();
  for (const e of edges) sent.set(callerKey(e), (sent.get(callerKey(e)) ?? 0) + e.requestsPerSecond);
  return edges.map((e) => {
    const t = totals.get(callerKey(e));
    if (!t) return e;
    const all = sent.get(callerKey(e)) ?? 0;
    const share = all > 0 ? e.requestsPerSecond / all : 1;
    const authz: EdgeAuthz = { allowedRps: t.allowed * share, deniedRps: t.denied * share };
    return { ...e, authz };
  });
}
