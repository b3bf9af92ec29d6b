// The edges as table rows, and their sort; pure, so the order is tested without a browser.
import type { PanelEdge, PanelNode } from '../../src/shared/trafficProtocol';

/** The columns of `linkerd viz stat`'s numbers that fit a side bar: the rest are in the details below. */
export type Column = 'target' | 'rps' | 'success' | 'p99' | 'denied';

export interface SortState {
  readonly column: Column;
  readonly descending: boolean;
}

export const COLUMNS: readonly { readonly id: Column; readonly title: string; readonly description: string; readonly numeric: boolean }[] = [
  { id: 'target', title: 'Destination', description: 'Destination, and the source calling it', numeric: false },
  { id: 'rps', title: 'RPS', description: 'Requests per second', numeric: true },
  { id: 'success', title: 'SR', description: 'Success rate', numeric: true },
  { id: 'p99', title: 'P99', description: '99th percentile latency', numeric: true },
  { id: 'denied', title: 'Denied', description: 'Requests (or connections, in conn/s) per second denied by policy', numeric: true },
];

export function isColumn(v: unknown): v is Column {
  return COLUMNS.some((c) => c.id === v);
}

export function nodeLabel(n: PanelNode | undefined, fallback: string): string {
  return n ? `${n.namespace}/${n.name}` : fallback;
}

function key(e: PanelEdge, c: Column, nodes: ReadonlyMap<string, PanelNode>): string | number | null {
  switch (c) {
    case 'target':
      return `${nodeLabel(nodes.get(e.target), e.target)}\n${nodeLabel(nodes.get(e.source), e.source)}`;
    case 'rps':
      return e.requestsPerSecond;
    case 'success':
      return e.successRate;
    case 'p99':
      return e.latencyMs ? e.latencyMs.p99 : null;
    case 'denied':
      // Requests and connections together: what sorts the most refused callers first.
      return e.deniedRps === undefined && e.deniedCps === undefined ? null : (e.deniedRps ?? 0) + (e.deniedCps ?? 0);
  }
}

/** Sorted copy; missing values (no traffic) always sort last, whatever the direction. Ties keep id order. */
export function sortEdges(edges: readonly PanelEdge[], sort: SortState, nodes: ReadonlyMap<string, PanelNode>): PanelEdge[] {
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
