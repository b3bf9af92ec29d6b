// Namespace and text filters, applied to a snapshot before drawing; pure.
import type { PanelEdge, PanelNode, TrafficSnapshot } from '../../src/shared/trafficProtocol';

export interface Filter {
  /** '' for every namespace. */
  readonly namespace: string;
  readonly text: string;
}

export interface Visible {
  readonly nodes: readonly PanelNode[];
  readonly edges: readonly PanelEdge[];
}

export function namespacesOf(s: TrafficSnapshot): string[] {
  return [...new Set(s.nodes.map((n) => n.namespace))].sort();
}

/**
 * A namespace keeps every edge with either end in it (as `linkerd viz edges -n` does), with both ends.
 * Text matches a node's name, kind or namespace; a matching node keeps its edges and their peers.
 */
export function applyFilter(s: TrafficSnapshot, f: Filter): Visible {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const text = f.text.trim().toLowerCase();
  const nodeMatches = (n: PanelNode | undefined) =>
    n !== undefined && (f.namespace === '' || n.namespace === f.namespace) && (text === '' || `${n.namespace}/${n.kind}/${n.name}`.toLowerCase().includes(text));
  const edges = s.edges.filter((e) => nodeMatches(byId.get(e.source)) || nodeMatches(byId.get(e.target)));
  const keep = new Set<string>();
  for (const e of edges) keep.add(e.source).add(e.target);
  for (const n of s.nodes) if (nodeMatches(n)) keep.add(n.id);
  return { nodes: s.nodes.filter((n) => keep.has(n.id)), edges: edges.filter((e) => byId.has(e.source) && byId.has(e.target)) };
}
