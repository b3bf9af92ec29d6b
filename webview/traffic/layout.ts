/**
 * Graph layout, run in a Web Worker so a big mesh never blocks the page. Pure: no DOM, so unit tests run it
 * in Node. Positions are stable: a node that was placed keeps its place, and only new nodes are placed,
 * near the other workloads of their namespace and never on top of an existing node.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LayoutRequest {
  readonly seq: number;
  readonly nodes: readonly { readonly id: string; readonly namespace: string; readonly name: string }[];
  readonly edges: readonly { readonly source: string; readonly target: string }[];
  /** Where nodes were drawn before (or dragged by the user); these never move. */
  readonly previous: Readonly<Record<string, Point>>;
  /** Width / height of the view, so namespaces wrap into a shape that fills it (tall in the side bar). */
  readonly aspect?: number;
}

export interface LayoutResult {
  readonly seq: number;
  readonly positions: Record<string, Point>;
}

export const COLUMN = 150;
export const ROW = 70;
/** Space between namespace boxes, which cytoscape draws around their nodes with padding. */
const GAP = 90;

export function isLayoutRequest(v: unknown): v is LayoutRequest {
  const r = v as LayoutRequest;
  return typeof v === 'object' && v !== null && typeof r.seq === 'number' && Array.isArray(r.nodes) && Array.isArray(r.edges) && typeof r.previous === 'object' && r.previous !== null;
}

export function layout(req: LayoutRequest): Record<string, Point> {
  const out: Record<string, Point> = {};
  const fresh = req.nodes.filter((n) => !(n.id in req.previous));
  for (const n of req.nodes) if (n.id in req.previous) out[n.id] = req.previous[n.id];
  if (fresh.length === 0) return out;

  const ranks = rank(req.nodes.map((n) => n.id), req.edges);
  const occupied = new Occupancy();
  for (const p of Object.values(out)) occupied.add(p);

  // Where each namespace already is, from its placed nodes; new namespaces go in a band below everything.
  const anchors = new Map<string, Point>();
  for (const n of req.nodes) {
    const p = out[n.id];
    if (!p) continue;
    const a = anchors.get(n.namespace);
    anchors.set(n.namespace, a ? { x: Math.min(a.x, p.x), y: Math.min(a.y, p.y) } : p);
  }
  let bandY = Object.values(out).reduce((m, p) => Math.max(m, p.y + ROW + GAP), 0);
  let bandX = 0;
  let bandHeight = 0;
  const grids = [...groupBy(fresh, (n) => n.namespace)].map(([namespace, members]) => [namespace, namespaceGrid(members, ranks)] as const);
  // Bands as wide as the view's shape asks for the area they cover, but never narrower than one namespace.
  const area = grids.reduce((a, [, g]) => a + (g.width + GAP) * (g.height + GAP), 0);
  const maxBandWidth = Math.max(...grids.map(([, g]) => g.width), Math.sqrt(area * (req.aspect ?? 1.5)));

  for (const [namespace, grid] of grids) {
    let origin = anchors.get(namespace);
    if (!origin) {
      if (bandX > 0 && bandX + grid.width > maxBandWidth) {
        bandY += bandHeight + GAP;
        bandX = 0;
        bandHeight = 0;
      }
      origin = { x: bandX, y: bandY };
      bandX += grid.width + GAP;
      bandHeight = Math.max(bandHeight, grid.height);
    }
    for (const [id, cell] of grid.cells) {
      let p = { x: origin.x + cell.x, y: origin.y + cell.y };
      while (occupied.has(p)) p = { x: p.x, y: p.y + ROW };
      occupied.add(p);
      out[id] = p;
    }
  }
  return out;
}

/** Columns by call depth (callers left of callees, as traffic reads), rows by name inside a column. */
function namespaceGrid(members: readonly { id: string; name: string }[], ranks: Map<string, number>) {
  const byRank = groupBy(members, (n) => ranks.get(n.id) ?? 0);
  const columns = [...byRank.keys()].sort((a, b) => a - b);
  const cells = new Map<string, Point>();
  let rows = 0;
  columns.forEach((r, col) => {
    const column = [...(byRank.get(r) ?? [])].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    column.forEach((n, row) => cells.set(n.id, { x: col * COLUMN, y: row * ROW }));
    rows = Math.max(rows, column.length);
  });
  return { cells, width: columns.length * COLUMN, height: rows * ROW };
}

/** Longest-path depth from callers, ignoring the edges that close cycles (found by an iterative DFS). */
export function rank(ids: readonly string[], edges: readonly { source: string; target: string }[]): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const id of ids) out.set(id, []);
  for (const e of edges) if (out.has(e.source) && out.has(e.target) && e.source !== e.target) out.get(e.source)?.push(e.target);
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const back = new Set<string>();
  for (const root of ids) {
    if (state.has(root)) continue;
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0]) ?? [];
      if (top[1] < next.length) {
        const t = next[top[1]++];
        if (state.get(t) === 1) back.add(`${top[0]}\n${t}`);
        else if (!state.has(t)) {
          state.set(t, 1);
          stack.push([t, 0]);
        }
      } else {
        state.set(top[0], 2);
        order.push(top[0]);
        stack.pop();
      }
    }
  }
  const ranks = new Map<string, number>(ids.map((id) => [id, 0]));
  for (let i = order.length - 1; i >= 0; i--) {
    const s = order[i];
    for (const t of out.get(s) ?? []) {
      if (!back.has(`${s}\n${t}`)) ranks.set(t, Math.max(ranks.get(t) ?? 0, (ranks.get(s) ?? 0) + 1));
    }
  }
  return ranks;
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** A spatial hash: is any placed node closer than one grid cell to this point? */
class Occupancy {
  private readonly cells = new Map<string, Point[]>();

  add(p: Point): void {
    const k = this.key(Math.floor(p.x / COLUMN), Math.floor(p.y / ROW));
    const list = this.cells.get(k);
    if (list) list.push(p);
    else this.cells.set(k, [p]);
  }

  has(p: Point): boolean {
    const cx = Math.floor(p.x / COLUMN);
    const cy = Math.floor(p.y / ROW);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of this.cells.get(this.key(cx + dx, cy + dy)) ?? []) {
          if (Math.abs(q.x - p.x) < COLUMN * 0.75 && Math.abs(q.y - p.y) < ROW * 0.75) return true;
        }
      }
    }
    return false;
  }

  private key(x: number, y: number): string {
    return `${x},${y}`;
  }
}
