// The edges as table rows, and their sort; pure, so the order is tested without a browser.
import type { TrafficEdge, TrafficNode } from '../../src/shared/trafficProtocol';

export type Column = 'source' | 'target' | 'rps' | 'success' | 'p50' | 'p95' | 'p99' | 'connections' | 'tls';

export interface SortState {
  readonly column: Column;
  readonly descending: boolean;
}

export const COLUMNS: readonly { readonly id: Column; readonly title: string; readonly numeric: boolean }[] = [
  { id: 'source', title: 'Source', numeric: false },
  { id: 'target', title: 'Destination', numeric: false },
  { id: 'rps', title: 'Requests/s', numeric: true },
  { id: 'success', title: 'Success', numeric: true },
  { id: 'p50', title: 'p50', numeric: true },
  { id: 'p95', title: 'p95', numeric: true },
  { id: 'p99', title: 'p99', numeric: true },
  { id: 'connections', title: 'Conns', numeric: true },
  { id: 'tls', title: 'mTLS', numeric: false },
];

export function nodeLabel(n: TrafficNode | undefined, fallback: string): string {
  return n ? `${n.namespace}/${n.name}` : fallback;
}

function key(e: TrafficEdge, c: Column, nodes: ReadonlyMap<string, TrafficNode>): string | number | null {
  switch (c) {
    case 'source':
      return nodeLabel(nodes.get(e.source), e.source);
    case 'target':
      return nodeLabel(nodes.get(e.target), e.target);
    case 'rps':
      return e.requestsPerSecond;
    case 'success':
      return e.successRate;
    case 'p50':
    case 'p95':
    case 'p99':
      return e.latencyMs ? e.latencyMs[c] : null;
    case 'connections':
      return e.openConnections;
    case 'tls':
      return e.noTlsReason;
  }
}

/** Sorted copy; missing values (no traffic) always sort last, whatever the direction. Ties keep id order. */
export function sortEdges(edges: readonly TrafficEdge[], sort: SortState, nodes: ReadonlyMap<string, TrafficNode>): TrafficEdge[] {
  const dir = sort.descending ? -1 : 1;
  return edges
    .map((e) => ({ e, k: key(e, sort.column, nodes) }))
    .sort((a, b) => {
      if (a.k === null || b.k === null) return a.k === b.k ? a.e.id.localeCompare(b.e.id) : a.k === null ? 1 : -1;
      const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k));
      return c !== 0 ? c * dir : a.e.id.localeCompare(b.e.id);
    })
    .map((x) => x.e);
}
