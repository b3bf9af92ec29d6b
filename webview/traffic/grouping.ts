// What the graph draws: workloads of expanded namespaces, one node for each collapsed namespace, and edges
// summed between whatever ends are drawn. Pure, so the rules are unit-tested; the graph only renders the result.
import type { PanelEdge, PanelNode, TrafficSnapshot } from '../../src/shared/trafficProtocol';
import type { Visible } from './filter';

/** Above this many edges a mesh opens with its namespaces collapsed: thousands of edges are not readable. */
export const COLLAPSE_ABOVE_EDGES = 2000;

/**
 * The namespaces drawn folded until the user opens them: the control plane's and its extensions' (always
 * there, rarely what one looks at), those with no traffic, and every one in a mesh too big to read, except
 * those holding a workload the search finds.
 */
export function foldedByDefault(s: TrafficSnapshot, search: string): Set<string> {
  const busy = new Set<string>();
  const namespaceOf = new Map(s.nodes.map((n) => [n.id, n.namespace]));
  for (const e of s.edges) {
    busy.add(namespaceOf.get(e.source) ?? '');
    busy.add(namespaceOf.get(e.target) ?? '');
  }
  const big = s.edges.length > COLLAPSE_ABOVE_EDGES;
  const system = new Set(s.systemNamespaces ?? []);
  const text = search.trim().toLowerCase();
  const found = new Set(text ? s.nodes.filter((n) => `${n.namespace}/${n.kind}/${n.name}`.toLowerCase().includes(text)).map((n) => n.namespace) : []);
  return new Set([...namespaceOf.values()].filter((ns) => !found.has(ns) && (big || system.has(ns) || !busy.has(ns))));
}

export const GROUP_KIND = 'Namespace';
const GROUP_PREFIX = 'group:';

/** A drawn node: a workload, or a collapsed namespace standing for `members` workloads. */
export type ViewNode = PanelNode & { readonly members?: number };

export interface Grouped {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly PanelEdge[];
}

export function groupId(namespace: string): string {
  return GROUP_PREFIX + namespace;
}

export function isGroup(n: Pick<PanelNode, 'kind' | 'id'>): boolean {
  return n.kind === GROUP_KIND && n.id.startsWith(GROUP_PREFIX);
}

/**
 * Collapses every namespace `collapsed` says so, and sums the edges that then join the same two drawn nodes:
 * requests add up, success is weighted by requests, an edge is secured only if all its parts are. Latency
 * percentiles cannot be added, so a summed edge has none. Authorization counts add up where any part has them,
 * so refusals inside a folded namespace still show as a denied edge.
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

  const sums = new Map<string, { source: string; target: string; rps: number; ok: number; rated: number; connections: number; reason: string; authz: Authz; parts: number; only: PanelEdge }>();
  for (const e of v.edges) {
    const source = drawnAs.get(e.source);
    const target = drawnAs.get(e.target);
    if (!source || !target) continue;
    const id = `${source} -> ${target}`;
    const s = sums.get(id) ?? { source, target, rps: 0, ok: 0, rated: 0, connections: 0, reason: '', authz: {}, parts: 0, only: e };
    s.rps += e.requestsPerSecond;
    if (e.successRate !== null) {
      s.ok += e.successRate * e.requestsPerSecond;
      s.rated += e.requestsPerSecond;
    }
    s.connections += e.openConnections;
    s.reason ||= e.noTlsReason;
    for (const key of AUTHZ_KEYS) if (e[key] !== undefined) s.authz[key] = (s.authz[key] ?? 0) + e[key];
    s.parts++;
    sums.set(id, s);
  }
  const edges = [...sums].map(([id, s]): PanelEdge =>
    // An edge between two drawn workloads stays exactly as it was.
    s.parts === 1 && s.source === s.only.source && s.target === s.only.target
      ? s.only
      : { id, source: s.source, target: s.target, requestsPerSecond: s.rps, successRate: s.rated > 0 ? s.ok / s.rated : null, latencyMs: null, openConnections: s.connections, noTlsReason: s.reason, ...s.authz },
  );
  return { nodes, edges };
}

const AUTHZ_KEYS = ['allowedRps', 'deniedRps', 'allowedCps', 'deniedCps'] as const;
type Authz = { -readonly [K in (typeof AUTHZ_KEYS)[number]]?: number };
