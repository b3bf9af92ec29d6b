/**
 * The traffic graph's layout: callers left of the workloads they call, each namespace a horizontal lane, edge
 * crossings kept few, and every edge routed through the gaps between columns so it never crosses a node. An
 * edge's label is an item of the layout like a node, so labels never cover nodes or each other. Workloads with
 * no traffic sit in a row below. Pure and deterministic: the same request gives the same picture.
 */
import { orderItems, type Item } from './order';
import { place, type Placement } from './place';
import { backLinks, rankNodes, type Link } from './rank';
import { TITLE_INSET, type Frame, type Layout, type LayoutRequest, type Point } from './types';

/** Between columns when edges carry labels (the labels' own column makes the room), and when they do not. */
const RANK_GAP_LABELLED = 8;
const RANK_GAP = 48;
/** Room above a namespace's workloads for its name. */
const BAND_TOP = 24;
const BAND_BOTTOM = 8;
const BAND_GAP = 10;
const FRAME_PAD = 5;
/** Room beside an idle frame's title: the inset where the page draws it and a pad at its right. */
const TITLE_ROOM = TITLE_INSET + FRAME_PAD;
/** How far past its column's widest item an edge runs straight before it turns. */
const STUB = 3;
const IDLE_GAP = 10;
/** Edges leaving or entering one side of a node are this far apart, and this far from its corners. */
const PORT_STEP = 6;
const PORT_MARGIN = 5;

interface Chain {
  readonly edge: string;
  readonly reversed: boolean;
  readonly items: number[];
}

export function layoutGraph(req: Omit<LayoutRequest, 'seq'>): Layout {
  const { nodes } = req;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const bandNames = [...new Set(nodes.map((n) => n.band))];
  const bandOf = new Map(bandNames.map((b, i) => [b, i]));
  const nodeBand = nodes.map((n) => bandOf.get(n.band)!);

  const links: (Link & { edge: string; labelled: boolean; width: number; height: number })[] = [];
  for (const e of req.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    links.push({ source: s, target: t, edge: e.id, labelled: e.label !== undefined, width: e.label?.width ?? 0, height: e.label?.height ?? 0 });
  }
  const connected = new Uint8Array(nodes.length);
  for (const l of links) connected[l.source] = connected[l.target] = 1;

  const back = backLinks(nodes.length, links);
  const dag = links.map((l, i) => (back[i] ? { source: l.target, target: l.source } : l));
  const rank = rankNodes(nodes.length, dag);
  const step = links.some((l) => l.labelled) ? 2 : 1;
  const seed = seeds(nodes.length, links, (i) => req.previous[nodes[i].id]?.y);

  const items: Item[] = [];
  const nodeItem = new Int32Array(nodes.length).fill(-1);
  for (let i = 0; i < nodes.length; i++) {
    if (!connected[i]) continue;
    nodeItem[i] = items.push({ kind: 'node', rank: rank[i] * step, band: nodeBand[i], width: nodes[i].width, height: nodes[i].height, up: [], down: [], seed: seed[i] }) - 1;
  }
  const chains: Chain[] = links.map((l, li) => {
    const { source: u, target: v } = dag[li];
    const from = rank[u] * step;
    const span = rank[v] * step - from;
    const chain = [nodeItem[u]];
    for (let k = 1; k < (req.route ? span : 0); k++) {
      const label = l.labelled && k === 1;
      const band = k <= span / 2 ? nodeBand[u] : nodeBand[v];
      const at = seed[u] + ((seed[v] - seed[u]) * k) / span;
      chain.push(items.push({ kind: label ? 'label' : 'bend', rank: from + k, band, width: label ? l.width : 0, height: label ? l.height : 0, up: [], down: [], seed: at }) - 1);
    }
    chain.push(nodeItem[v]);
    for (let k = 1; k < chain.length; k++) {
      items[chain[k - 1]].down.push(chain[k]);
      items[chain[k]].up.push(chain[k - 1]);
    }
    return { edge: l.edge, reversed: back[li], items: chain };
  });

  const ranks = items.reduce((m, it) => Math.max(m, it.rank + 1), 0);
  const framed = bandNames.map((_, b) => nodes.some((n, i) => connected[i] && nodeBand[i] === b && n.framed));
  const order = bandOrder(bandNames, nodes, (i) => (connected[i] ? rank[i] : undefined), nodeBand, req.previous);
  const placed = place(items, orderItems(items, ranks), order, framed, { rank: step === 2 ? RANK_GAP_LABELLED : RANK_GAP, bandTop: BAND_TOP, bandBottom: BAND_BOTTOM, bandGap: BAND_GAP });

  const positions: Record<string, Point> = {};
  nodeItem.forEach((it, i) => it >= 0 && (positions[nodes[i].id] = { x: placed.x[it], y: placed.y[it] }));
  const routes: Record<string, number[]> = {};
  const labels: Record<string, Point> = {};
  const ports = req.route ? spreadPorts(chains, items, placed) : [];
  chains.forEach((c, i) => {
    routes[c.edge] = req.route ? route(c, items, placed, ports[i]) : [];
    const label = c.items.find((it) => items[it].kind === 'label');
    if (label !== undefined) labels[c.edge] = { x: placed.x[label], y: placed.y[label] };
  });
  const frames = laneFrames(items, placed, order, framed, bandNames);
  const main = bounds(items, placed);
  const idle = nodes.map((_, i) => i).filter((i) => !connected[i]);
  const laned = new Set(frames.map((f) => f.band));
  frames.push(...placeIdle(idle, nodes, main, req.aspect, positions, (band) => (laned.has(band) ? (req.idleTitles?.[band] ?? 0) : undefined)));
  return { positions, routes, labels, frames };
}

/** Where each node starts in its rank: its previous height, else near its linked nodes', else after them in input order. */
function seeds(count: number, links: readonly Link[], previous: (i: number) => number | undefined): number[] {
  const seed = Array.from({ length: count }, (_, i) => previous(i) ?? NaN);
  const sums = new Map<number, { sum: number; n: number }>();
  for (const l of links) {
    for (const [a, b] of [[l.source, l.target], [l.target, l.source]]) {
      if (!Number.isNaN(seed[a]) || Number.isNaN(seed[b])) continue;
      const s = sums.get(a) ?? { sum: 0, n: 0 };
      sums.set(a, { sum: s.sum + seed[b], n: s.n + 1 });
    }
  }
  return seed.map((s, i) => (Number.isNaN(s) ? (sums.has(i) ? sums.get(i)!.sum / sums.get(i)!.n : 1e9 + i) : s));
}

/** Lanes top to bottom: as they were when every lane was drawn before, else callers' namespaces first. */
function bandOrder(names: readonly string[], nodes: readonly { id: string }[], rankOf: (i: number) => number | undefined, nodeBand: readonly number[], previous: Readonly<Record<string, Point>>): number[] {
  const stats = names.map(() => ({ rank: 0, ranked: 0, y: 0, seen: 0 }));
  nodes.forEach((n, i) => {
    const s = stats[nodeBand[i]];
    const r = rankOf(i);
    if (r === undefined) return;
    s.rank += r;
    s.ranked++;
    const p = previous[n.id];
    if (p) {
      s.y += p.y;
      s.seen++;
    }
  });
  const laned = names.map((_, b) => b).filter((b) => stats[b].ranked > 0);
  const known = laned.every((b) => stats[b].seen > 0);
  const key = (b: number) => (known ? stats[b].y / stats[b].seen : stats[b].rank / stats[b].ranked);
  return laned.sort((a, b) => key(a) - key(b) || names[a].localeCompare(names[b]));
}

/**
 * Where each chain leaves its first node and enters its last, as offsets from the node's middle: the edges of a
 * node fan out over its height in the order of their other ends, instead of meeting in one point.
 */
function spreadPorts(chains: readonly Chain[], items: readonly Item[], p: Placement): { out: number; in: number }[] {
  const ports = chains.map(() => ({ out: 0, in: 0 }));
  const ends = new Map<number, { chain: number; toward: number; side: 'out' | 'in' }[]>();
  chains.forEach((c, i) => {
    const [first, second] = [c.items[0], c.items[1]];
    const [last, before] = [c.items[c.items.length - 1], c.items[c.items.length - 2]];
    for (const [node, toward, side] of [[first, second, 'out'], [last, before, 'in']] as const) {
      const list = ends.get(node) ?? [];
      list.push({ chain: i, toward: p.y[toward], side });
      ends.set(node, list);
    }
  });
  for (const [node, list] of ends) {
    for (const side of ['out', 'in'] as const) {
      const mine = list.filter((e) => e.side === side).sort((a, b) => a.toward - b.toward || a.chain - b.chain);
      if (mine.length < 2) continue;
      const step = Math.min(PORT_STEP, (items[node].height - 2 * PORT_MARGIN) / (mine.length - 1));
      mine.forEach((e, k) => (ports[e.chain][side] = (k - (mine.length - 1) / 2) * step));
    }
  }
  return ports;
}

/**
 * The edge's bend points, source to target: straight out of the source to the edge of its column, across the gap,
 * along each column it passes (through its label), into the target. Points on a straight run are dropped.
 */
function route(c: Chain, items: readonly Item[], p: Placement, port: { out: number; in: number }): number[] {
  const pts: number[] = [];
  c.items.forEach((it, k) => {
    const col = p.columns[items[it].rank];
    const y = p.y[it] + (k === 0 ? port.out : k === c.items.length - 1 ? port.in : 0);
    const left = col.center - col.width / 2 - STUB;
    const right = col.center + col.width / 2 + STUB;
    if (k === 0) pts.push(p.x[it], p.y[it], right, y);
    else if (k === c.items.length - 1) pts.push(left, y, p.x[it], p.y[it]);
    else pts.push(left, y, right, y);
  });
  const kept: number[] = [];
  for (let i = 0; i < pts.length; i += 2) {
    const n = kept.length;
    if (n >= 2 && kept[n - 2] === pts[i] && kept[n - 1] === pts[i + 1]) continue;
    // Three points in a row on one line: the middle one bends nothing.
    if (n >= 4 && collinear(kept[n - 4], kept[n - 3], kept[n - 2], kept[n - 1], pts[i], pts[i + 1])) kept.splice(n - 2, 2);
    kept.push(pts[i], pts[i + 1]);
  }
  const inner = kept.slice(2, -2);
  if (!c.reversed) return inner;
  const out: number[] = [];
  for (let i = inner.length - 2; i >= 0; i -= 2) out.push(inner[i], inner[i + 1]);
  return out;
}

function collinear(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) < 1e-6;
}

/** A frame around each namespace lane, from its leftmost to its rightmost workload or label. */
function laneFrames(items: readonly Item[], p: Placement, order: readonly number[], framed: readonly boolean[], names: readonly string[]): Frame[] {
  const frames: Frame[] = [];
  order.forEach((b, i) => {
    if (!framed[b]) return;
    let x1 = Infinity;
    let x2 = -Infinity;
    items.forEach((it, k) => {
      if (it.band !== b || it.kind === 'bend') return;
      x1 = Math.min(x1, p.x[k] - it.width / 2);
      x2 = Math.max(x2, p.x[k] + it.width / 2);
    });
    const lane = p.bands[i];
    frames.push({ band: names[b], x: x1 - FRAME_PAD, y: lane.top, width: x2 - x1 + 2 * FRAME_PAD, height: lane.height });
  });
  return frames;
}

function bounds(items: readonly Item[], p: Placement): { width: number; height: number } {
  const last = p.bands[p.bands.length - 1];
  const width = items.reduce((w, it, k) => Math.max(w, p.x[k] + it.width / 2), 0);
  return { width, height: last ? last.top + last.height : 0 };
}

/**
 * Workloads without traffic, in a row under the graph that wraps at its width (or at the view's shape when
 * nothing has traffic): each namespace's together, framed unless it is one folded namespace. `idleTitle` gives the
 * width of the idle title of a namespace that also has a lane, and undefined for one that does not.
 */
function placeIdle(idle: readonly number[], nodes: Omit<LayoutRequest, 'seq'>['nodes'], main: { width: number; height: number }, aspect: number, positions: Record<string, Point>, idleTitle: (band: string) => number | undefined): Frame[] {
  if (idle.length === 0) return [];
  const groups = new Map<string, number[]>();
  for (const i of [...idle].sort((a, b) => nodes[a].band.localeCompare(nodes[b].band) || nodes[a].id.localeCompare(nodes[b].id))) {
    const g = groups.get(nodes[i].band);
    if (g) g.push(i);
    else groups.set(nodes[i].band, [i]);
  }
  const area = idle.reduce((a, i) => a + (nodes[i].width + IDLE_GAP) * (nodes[i].height + IDLE_GAP), 0);
  const widest = Math.max(...idle.map((i) => nodes[i].width + 2 * FRAME_PAD));
  const limit = Math.max(widest, main.width > 0 ? main.width : Math.sqrt(area * Math.max(aspect, 0.3)));
  // Each namespace's workloads in rows of their own, then the blocks in rows.
  const blocks = [...groups].map(([band, members]) => {
    const frame = members.some((i) => nodes[i].framed);
    const pad = frame ? FRAME_PAD : 0;
    const top = frame ? BAND_TOP : 0;
    const at: { i: number; x: number; y: number }[] = [];
    let x = 0;
    let y = 0;
    let row = 0;
    let width = 0;
    for (const i of members) {
      const n = nodes[i];
      if (x > 0 && x + n.width > limit - 2 * pad) {
        y += row + IDLE_GAP;
        x = 0;
        row = 0;
      }
      at.push({ i, x: x + n.width / 2, y: y + n.height / 2 });
      x += n.width + IDLE_GAP;
      row = Math.max(row, n.height);
      width = Math.max(width, x - IDLE_GAP);
    }
    const title = frame ? idleTitle(band) : undefined;
    return { band, frame, idle: title !== undefined, at, width: Math.max(width + 2 * pad, (title ?? 0) + TITLE_ROOM), height: top + y + row + pad, pad, top };
  });
  const frames: Frame[] = [];
  let x = 0;
  let y = main.height > 0 ? main.height + BAND_GAP : 0;
  let row = 0;
  for (const b of blocks) {
    if (x > 0 && x + b.width > limit) {
      y += row + BAND_GAP;
      x = 0;
      row = 0;
    }
    for (const a of b.at) positions[nodes[a.i].id] = { x: x + b.pad + a.x, y: y + b.top + a.y };
    if (b.frame) frames.push({ band: b.band, x, y, width: b.width, height: b.height, ...(b.idle ? { idle: true } : {}) });
    x += b.width + BAND_GAP;
    row = Math.max(row, b.height);
  }
  return frames;
}
