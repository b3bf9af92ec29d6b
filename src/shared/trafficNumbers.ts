/**
 * Between polls of an unchanged mesh only numbers change: the host sends those (`numbersBetween`) and the page
 * puts them into the snapshot it has (`withNumbers`). Anything else that differs sends the whole snapshot.
 */
import { AUTHZ_NUMBERS, EDGE_NUMBERS, type AuthzEntry, type PanelEdge, type TrafficNumbers, type TrafficSnapshot } from './trafficProtocol';

/** Below this, a rate (requests per second) is noise from counters read at slightly different times. */
export const NOISE_RPS = 0.005;

const WIDTH = EDGE_NUMBERS.length;
const AUTHZ_WIDTH = AUTHZ_NUMBERS.length;

/** Everything of an authorization row but its numbers. */
function rowShape(r: AuthzEntry): string {
  return JSON.stringify([r.destination, r.protocol, r.server, r.port, r.route, r.authorization, r.client, r.refusal ?? '']);
}

/** Everything of an edge but its numbers: what must be equal for a numbers message to describe the next poll. */
function shape(e: PanelEdge): string {
  return `${e.id}\n${e.source}\n${e.target}\n${e.noTlsReason}\n${e.clientIdentity ?? ''}\n${e.serverIdentity ?? ''}\n${e.latencyMs === null ? 0 : 1}`;
}

const sameList = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined, eq: (x: T, y: T) => boolean) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => eq(x, b[i])));

/** The numbers message that turns `before` into `after`, or undefined when more than numbers changed. */
export function numbersBetween(before: TrafficSnapshot, after: TrafficSnapshot): TrafficNumbers | undefined {
  if (before.context !== after.context || before.source !== after.source) return undefined;
  if (!sameList(before.systemNamespaces, after.systemNamespaces, (x, y) => x === y)) return undefined;
  if (!sameList(before.nodes, after.nodes, (x, y) => JSON.stringify(x) === JSON.stringify(y))) return undefined;
  if (!sameList(before.edges, after.edges, (x, y) => shape(x) === shape(y))) return undefined;
  if (!sameList(before.authorizations, after.authorizations, (x, y) => rowShape(x) === rowShape(y))) return undefined;
  const edges = new Float64Array(after.edges.length * WIDTH);
  after.edges.forEach((e, i) => {
    const at = i * WIDTH;
    edges[at] = e.requestsPerSecond;
    edges[at + 1] = e.successRate ?? NaN;
    edges[at + 2] = e.latencyMs?.p50 ?? NaN;
    edges[at + 3] = e.latencyMs?.p95 ?? NaN;
    edges[at + 4] = e.latencyMs?.p99 ?? NaN;
    edges[at + 5] = e.openConnections;
  });
  const edgeAuthz = after.edges.some((e) => e.deniedRps !== undefined) ? authzNumbers(after.edges, (e) => [e.allowedRps, e.deniedRps]) : undefined;
  const edgeConnAuthz = after.edges.some((e) => e.deniedCps !== undefined) ? authzNumbers(after.edges, (e) => [e.allowedCps, e.deniedCps]) : undefined;
  const authorizations = after.authorizations && authzNumbers(after.authorizations, (r) => [r.allowedRps, r.deniedRps]);
  return { base: before.updatedAt, updatedAt: after.updatedAt, origin: after.origin, ...(after.gaps ? { gaps: after.gaps } : {}), edges, ...(edgeAuthz ? { edgeAuthz } : {}), ...(edgeConnAuthz ? { edgeConnAuthz } : {}), ...(authorizations ? { authorizations } : {}), ...(after.routes ? { routes: after.routes } : {}) };
}

/** Allowed and denied rates in AUTHZ_NUMBERS order; NaN for an edge whose proxies counted none. */
function authzNumbers<T>(items: readonly T[], pair: (x: T) => readonly [number | undefined, number | undefined]): Float64Array {
  const out = new Float64Array(items.length * AUTHZ_WIDTH);
  items.forEach((x, i) => {
    const [allowed, denied] = pair(x);
    out[i * AUTHZ_WIDTH] = allowed ?? NaN;
    out[i * AUTHZ_WIDTH + 1] = denied ?? NaN;
  });
  return out;
}

/** The snapshot `numbers` describes, or undefined when it was made for another snapshot than `base`. */
export function withNumbers(base: TrafficSnapshot, numbers: TrafficNumbers): TrafficSnapshot | undefined {
  if (numbers.base !== base.updatedAt || numbers.edges.length !== base.edges.length * WIDTH) return undefined;
  if ((numbers.authorizations?.length ?? 0) !== (base.authorizations?.length ?? 0) * AUTHZ_WIDTH) return undefined;
  if ([numbers.edgeAuthz, numbers.edgeConnAuthz].some((a) => a && a.length !== base.edges.length * AUTHZ_WIDTH)) return undefined;
  const ea = numbers.edgeAuthz;
  const ec = numbers.edgeConnAuthz;
  const n = numbers.edges;
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  const edges = base.edges.map((e, i): PanelEdge => {
    const at = i * WIDTH;
    const { allowedRps: _a, deniedRps: _d, allowedCps: _ac, deniedCps: _dc, ...shapeOf } = e;
    const authz = !ea || Number.isNaN(ea[i * AUTHZ_WIDTH]) ? {} : { allowedRps: ea[i * AUTHZ_WIDTH], deniedRps: ea[i * AUTHZ_WIDTH + 1] };
    const conn = !ec || Number.isNaN(ec[i * AUTHZ_WIDTH]) ? {} : { allowedCps: ec[i * AUTHZ_WIDTH], deniedCps: ec[i * AUTHZ_WIDTH + 1] };
    return { ...shapeOf, requestsPerSecond: n[at], successRate: orNull(n[at + 1]), latencyMs: e.latencyMs === null ? null : { p50: orNull(n[at + 2]), p95: orNull(n[at + 3]), p99: orNull(n[at + 4]) }, openConnections: n[at + 5], ...authz, ...conn };
  });
  const a = numbers.authorizations;
  const authorizations = a && base.authorizations?.map((r, i) => ({ ...r, allowedRps: a[i * AUTHZ_WIDTH], deniedRps: a[i * AUTHZ_WIDTH + 1] }));
  const { gaps: _gaps, routes: _routes, ...rest } = base;
  return { ...rest, ...(numbers.gaps ? { gaps: numbers.gaps } : {}), updatedAt: numbers.updatedAt, origin: numbers.origin, edges, ...(authorizations ? { authorizations } : {}), ...(numbers.routes ? { routes: numbers.routes } : {}) };
}
