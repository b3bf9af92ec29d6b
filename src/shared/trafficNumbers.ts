/**
 * Between polls of an unchanged mesh only numbers change: the host sends those (`numbersBetween`) and the page
 * puts them into the snapshot it has (`withNumbers`). Anything else that differs sends the whole snapshot.
 */
import { EDGE_NUMBERS, type TrafficEdge, type TrafficNumbers, type TrafficSnapshot } from './trafficProtocol';

const WIDTH = EDGE_NUMBERS.length;

/** Everything of an edge but its numbers: what must be equal for a numbers message to describe the next poll. */
function shape(e: TrafficEdge): string {
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
  return { base: before.updatedAt, updatedAt: after.updatedAt, origin: after.origin, ...(after.gaps ? { gaps: after.gaps } : {}), edges, ...(after.routes ? { routes: after.routes } : {}) };
}

/** The snapshot `numbers` describes, or undefined when it was made for another snapshot than `base`. */
export function withNumbers(base: TrafficSnapshot, numbers: TrafficNumbers): TrafficSnapshot | undefined {
  if (numbers.base !== base.updatedAt || numbers.edges.length !== base.edges.length * WIDTH) return undefined;
  const n = numbers.edges;
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  const edges = base.edges.map((e, i): TrafficEdge => {
    const at = i * WIDTH;
    return { ...e, requestsPerSecond: n[at], successRate: orNull(n[at + 1]), latencyMs: e.latencyMs === null ? null : { p50: orNull(n[at + 2]), p95: orNull(n[at + 3]), p99: orNull(n[at + 4]) }, openConnections: n[at + 5] };
  });
  const { gaps: _gaps, routes: _routes, ...rest } = base;
  return { ...rest, ...(numbers.gaps ? { gaps: numbers.gaps } : {}), updatedAt: numbers.updatedAt, origin: numbers.origin, edges, ...(numbers.routes ? { routes: numbers.routes } : {}) };
}
