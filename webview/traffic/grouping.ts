// What the graph draws: workloads of expanded namespaces, one node for each collapsed namespace, and edges
// summed between whatever ends are drawn. Pure, so the rules are unit-tested; the graph only renders the result.
import type { TrafficEdge, TrafficNode } from '../../src/shared/trafficProtocol';
import type { Visible } from './filter';
import type { Point } from './layout';

/** Above this many edges a mesh opens with its namespaces collapsed: thousands of edges are not readable. */
export const COLLAPSE_ABOVE_EDGES = 2000;

export const GROUP_KIND = 'Namespace';
const GROUP_PREFIX = 'group:';

/** A drawn node: a workload, or a collapsed namespace standing for `members` workloads. */
export type ViewNode = TrafficNode & { readonly members?: number };

export interface Grouped {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly TrafficEdge[];
}

export function groupId(namespace: string): string {
  return GROUP_PREFIX + namespace;
}

export function isGroup(n: Pick<TrafficNode, 'kind' | 'id'>): boolean {
  return n.kind === GROUP_KIND && n.id.startsWith(GROUP_PREFIX);
}

/**
 * Collapses every namespace `collapsed` says so, and sums the edges that then join the same two drawn nodes:
 * requests add up, success is weighted by requests, an edge is secured only if all its parts are. Latency
 * percentiles cannot be added, so a summed edge has none.
 */
export function groupNamespaces(v: Visible, collapsed: (namespace: string) => boolean): Grouped {
  const drawnAs = new Map<string, string>();
  const groups = new Map<string, ViewNode>();
  const nodes: ViewNode[] = [];
  for (const n of v.nodes) {
    if (!collapsed(n.namespace)) {
      drawnAs.set(n.id, n.id);
      nodes.push(n);
      continue;
    }
    const id = groupId(n.namespace);
    drawnAs.set(n.id, id);
    const g = groups.get(id);
    groups.set(id, {
      id,
      kind: GROUP_KIND,
      name: n.namespace,
      namespace: n.namespace,
      meshedPods: (g?.meshedPods ?? 0) + n.meshedPods,
      totalPods: (g?.totalPods ?? 0) + n.totalPods,
      meshed: (g?.meshed ?? false) || n.meshed,
      aggregate: true,
      members: (g?.members ?? 0) + 1,
    });
  }
  nodes.push(...groups.values());
  if (groups.size === 0) return { nodes, edges: v.edges };

  const sums = new Map<string, { source: string; target: string; rps: number; ok: number; rated: number; connections: number; reason: string; parts: number; only: TrafficEdge }>();
  for (const e of v.edges) {
    const source = drawnAs.get(e.source);
    const target = drawnAs.get(e.target);
    if (!source || !target) continue;
    const id = `${source} -> ${target}`;
    const s = sums.get(id) ?? { source, target, rps: 0, ok: 0, rated: 0, connections: 0, reason: '', parts: 0, only: e };
    s.rps += e.requestsPerSecond;
    if (e.successRate !== null) {
      s.ok += e.successRate * e.requestsPerSecond;
      s.rated += e.requestsPerSecond;
    }
    s.connections += e.openConnections;
    s.reason ||= e.noTlsReason;
    s.parts++;
    sums.set(id, s);
  }
  const edges = [...sums].map(([id, s]): TrafficEdge =>
    // An edge between two drawn workloads stays exactly as it was.
    s.parts === 1 && s.source === s.only.source && s.target === s.only.target
      ? s.only
      : { id, source: s.source, target: s.target, requestsPerSecond: s.rps, successRate: s.rated > 0 ? s.ok / s.rated : null, latencyMs: null, openConnections: s.connections, noTlsReason: s.reason },
  );
  return { nodes, edges };
}

/** A collapsed namespace sits where its workloads' centre is, so expanding it opens in place. */
export function groupPositions(nodes: readonly ViewNode[], members: readonly TrafficNode[], positions: Readonly<Record<string, Point>>): Record<string, Point> {
  const out: Record<string, Point> = { ...positions };
  const sums = new Map<string, { x: number; y: number; n: number }>();
  for (const m of members) {
    const p = positions[m.id];
    if (!p) continue;
    const s = sums.get(m.namespace) ?? { x: 0, y: 0, n: 0 };
    sums.set(m.namespace, { x: s.x + p.x, y: s.y + p.y, n: s.n + 1 });
  }
  for (const n of nodes) {
    const s = isGroup(n) ? sums.get(n.namespace) : undefined;
    if (s) out[n.id] = { x: s.x / s.n, y: s.y / s.n };
  }
  return out;
}

/** The frame drawn around each expanded namespace's workloads: a plain shape, not a compound parent. */
export interface NamespaceBox {
  readonly namespace: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function namespaceBoxes(nodes: readonly ViewNode[], positions: Readonly<Record<string, Point>>, padding: number): NamespaceBox[] {
  const bounds = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
  for (const n of nodes) {
    const p = positions[n.id];
    if (!p || isGroup(n)) continue;
    const b = bounds.get(n.namespace);
    bounds.set(n.namespace, b ? { x1: Math.min(b.x1, p.x), y1: Math.min(b.y1, p.y), x2: Math.max(b.x2, p.x), y2: Math.max(b.y2, p.y) } : { x1: p.x, y1: p.y, x2: p.x, y2: p.y });
  }
  return [...bounds].map(([namespace, b]) => ({ namespace, x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2, width: b.x2 - b.x1 + 2 * padding, height: b.y2 - b.y1 + 2 * padding }));
}
