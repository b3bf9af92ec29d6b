// The service graph on a cytoscape canvas. Positions and edge routes come from the layout worker; this module
// only draws them, changes numbers in place between polls (so nothing moves), fits the view, and makes the
// canvas usable by keyboard.
import cytoscape from 'cytoscape';
import type { PanelSettings, PanelEdge } from '../../src/shared/trafficProtocol';
import { IDLE_TITLE, TITLE_INSET, type Layout, type Point, type Size } from '../trafficLayout/types';
import { health, isDenied } from './format';
import { MAX_WEIGHT, NODE_FONT, READABLE_PX, stylesheet } from './graphStyle';
import { isGroup, type ViewNode } from './grouping';
import type { Geometry } from './geometry';
import type { Theme } from './theme';

export type Selection = { readonly kind: 'node' | 'edge'; readonly id: string };

export interface GraphCallbacks {
  select(sel: Selection | undefined): void;
  /** Enter or double click: the node's manifest, or an edge's details. */
  activate(sel: Selection): void;
}

export interface GraphInput {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly PanelEdge[];
  readonly layout: Layout;
  /** Each node's box, as the layout was given it. */
  readonly sizes: ReadonlyMap<string, Size>;
  /** Each edge's label, and the box the layout reserved for it when labels are drawn. */
  readonly labels: ReadonlyMap<string, { readonly text: string; readonly size?: Size }>;
  /** Edges follow the layout's routes; otherwise (a big mesh) they are drawn straight. */
  readonly routed: boolean;
  readonly settings: PanelSettings;
  readonly selected?: Selection;
}

const LABEL_PREFIX = 'label:';
const FRAME_PREFIX = 'frame:';
const TITLE_PREFIX = 'title:';
/** Where a frame's name sits, from the frame's top left corner. */
const TITLE_AT = { x: TITLE_INSET, y: 12 };
/** Moving more nodes than this to new places is done at once rather than animated. */
const ANIMATE_UP_TO = 150;
const MARGIN = 6;
/** A small graph is not blown up past this. */
const MAX_FIT_ZOOM = 1.4;

/** Setting data restyles and redraws an element, so only elements whose data changed are touched. */
function changed(before: Record<string, unknown>, data: Record<string, unknown>): boolean {
  for (const k of Object.keys(data)) if (before[k] !== data[k]) return true;
  return Object.keys(before).length !== Object.keys(data).length;
}

export function nodeText(n: ViewNode): string {
  return n.members === undefined ? n.name : `${n.name} (${n.members})`;
}

export class TrafficGraph {
  private readonly cy: cytoscape.Core;
  private order: Selection[] = [];
  private current: Selection | undefined;
  /** The elements drawn as selected: the current selection's, and its edge's label. */
  private marked: cytoscape.CollectionReturnValue;
  /** The drawn elements and the data and classes last given to each: comparing plain values is far cheaper than asking cytoscape. */
  private readonly elements = new Map<string, { el: cytoscape.SingularElementArgument; data: Record<string, unknown>; classes: string }>();
  private layout: Layout | undefined;
  /** Each edge's bend points as cytoscape takes them, worked out once per layout. */
  private segments = new Map<string, Segments>();
  private bounds = { x1: 0, y1: 0, x2: 0, y2: 0 };
  private labels: GraphInput['labels'] = new Map();
  private routed = true;
  /** The user panned or zoomed since the last fit: a new layout then leaves the view alone. */
  private userMoved = false;
  /** prepare() added the elements and holds cytoscape's batch open until update() places them. */
  private held = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly live: HTMLElement,
    private readonly callbacks: GraphCallbacks,
    theme: Theme,
  ) {
    this.cy = cytoscape({
      container,
      layout: { name: 'preset' },
      style: stylesheet(theme),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      // Positions come from the layout, whose routes keep edges clear of nodes: dragging would break that.
      autoungrabify: true,
      // A large mesh pans smoothly when edges are hidden during the gesture.
      hideEdgesOnViewport: true,
      textureOnViewport: true,
    });
    this.marked = this.cy.collection();
    const selectionOf = (t: cytoscape.SingularElementReturnValue): Selection =>
      t.hasClass('edge-label') ? { kind: 'edge', id: String(t.data('edge')) } : { kind: t.isNode() ? 'node' : 'edge', id: t.id() };
    this.cy.on('tap', 'node[kind], node.edge-label, edge', (e) => this.choose(selectionOf(e.target as cytoscape.SingularElementReturnValue), false));
    this.cy.on('tap', (e) => e.target === this.cy && this.choose(undefined, false));
    this.cy.on('dbltap', 'node[kind], node.edge-label, edge', (e) => this.callbacks.activate(selectionOf(e.target as cytoscape.SingularElementReturnValue)));
    this.cy.on('dragpan scrollzoom pinchzoom', () => (this.userMoved = true));
    container.addEventListener('keydown', (e) => this.onKey(e));
  }

  setTheme(theme: Theme): void {
    this.cy.style(stylesheet(theme));
  }

  /**
   * Adds the workloads and edges of a graph drawn for the first time while the worker lays it out: adding them
   * and working out their styles, most of a first drawing's work, do not depend on where they go. Nothing is
   * drawn (cytoscape does not render while a batch is open) until update() brings the layout and places them.
   */
  prepare(input: Omit<GraphInput, 'layout'>): void {
    if (this.elements.size > 0) return;
    this.place({ ...input, layout: UNPLACED });
    this.cy.startBatch();
    this.held = true;
    // Reading a style works out the element's whole style, as the first frame would.
    this.cy.elements().forEach((el) => void el.numericStyle('width'));
  }

  /** Adds, removes and updates elements in place; on a new layout, moves them to their new places. */
  update(input: GraphInput): void {
    const first = this.elements.size === 0 || this.held;
    const relaid = input.layout !== this.layout;
    if (relaid) this.relayout(input);
    this.labels = input.labels;
    this.routed = input.routed;
    const moves = this.place(input, relaid, first);
    if (this.held) {
      this.held = false;
      this.cy.endBatch();
    }
    if (moves.length <= ANIMATE_UP_TO && !first) for (const [el, p] of moves) (el as cytoscape.NodeSingular).animate({ position: { ...p } }, { duration: 200 });
    if (relaid) this.order = readingOrder(input, (id) => this.elements.has(id));
    this.highlight(input.selected && this.elements.has(input.selected.id) ? input.selected : undefined);
    if (first || (relaid && !this.userMoved)) this.fit();
  }

  /**
   * Puts every element where the layout says, in one batch; returns the nodes to move, already moved when
   * there are many or the graph is drawn for the first time.
   */
  private place(input: GraphInput, relaid = false, first = true): [cytoscape.SingularElementArgument, Point][] {
    const { layout } = input;
    const wanted = new Set<string>();
    const byId = new Map(input.nodes.map((n) => [n.id, n]));
    const served = servedRates(input.edges);
    const moves: [cytoscape.SingularElementArgument, Point][] = [];
    // New elements go in with one add() call: adding them one by one re-indexes the graph each time.
    const added: cytoscape.ElementDefinition[] = [];
    const put = (id: string, data: Record<string, unknown>, position: Point, kind: string, state = '') => {
      wanted.add(id);
      const classes = kind && state ? `${kind} ${state}` : kind || state;
      const el = this.sync(id, data, classes);
      if (!el) added.push({ group: 'nodes', data: { id, ...data }, position: { ...position }, classes, selectable: kind === '' });
      else if (relaid) {
        const p = (el as cytoscape.NodeSingular).position();
        if (p.x !== position.x || p.y !== position.y) moves.push([el, position]);
      }
    };
    const routed: cytoscape.EdgeSingular[] = [];
    this.cy.batch(() => {
      const seen = new Map<string, number>();
      for (const f of layout.frames) {
        const k = seen.get(f.band) ?? 0;
        seen.set(f.band, k + 1);
        const id = `${f.band}#${k}`;
        put(FRAME_PREFIX + id, { width: f.width, height: f.height }, { x: f.x + f.width / 2, y: f.y + f.height / 2 }, 'frame');
        put(TITLE_PREFIX + id, { label: f.idle ? f.band + IDLE_TITLE : f.band }, { x: f.x + TITLE_AT.x, y: f.y + TITLE_AT.y }, 'title');
      }
      for (const n of input.nodes) {
        const size = input.sizes.get(n.id);
        const data = { label: nodeText(n), kind: n.kind, meshed: n.meshed ? 'yes' : 'no', group: isGroup(n) ? 'yes' : 'no', width: size?.width ?? 40, height: size?.height ?? 24 };
        put(n.id, data, layout.positions[n.id] ?? { x: 0, y: 0 }, '', health(served.get(n.id) ?? null, input.settings));
      }
      for (const e of input.edges) {
        if (!byId.has(e.source) || !byId.has(e.target)) continue;
        wanted.add(e.id);
        const label = input.labels.get(e.id);
        const at = layout.labels[e.id];
        // Denied by policy is a class too, beside health: its own colour and pattern (graphStyle.ts).
        const edgeHealth = health(e.successRate, input.settings) + (isDenied(e) ? ' denied' : '');
        if (label?.size && at) put(LABEL_PREFIX + e.id, { label: label.text, edge: e.id, width: label.size.width, height: label.size.height }, at, 'edge-label', edgeHealth);
        const data: Record<string, unknown> = { source: e.source, target: e.target, loop: e.source === e.target ? 'yes' : 'no' };
        // Labels without a place of their own (a big mesh): only the selected edge's, or a loop's, on the line.
        if (label && !label.size && (input.selected?.id === e.id || e.source === e.target)) data.label = label.text;
        const classes = `${edgeHealth} w${Math.round(Math.min(MAX_WEIGHT, 1 + Math.log10(1 + e.requestsPerSecond) * 1.5))}${e.noTlsReason === '' ? '' : ' plain'}${input.routed ? ' routed' : ''}`;
        const el = this.sync(e.id, data, classes);
        if (!el) added.push({ group: 'edges', data: { id: e.id, ...data }, classes });
        else if (relaid) routed.push(el as cytoscape.EdgeSingular);
      }
      for (const [id, { el }] of this.elements) {
        if (wanted.has(id)) continue;
        el.remove();
        this.elements.delete(id);
      }
      if (added.length) {
        const given = new Map(added.map((a) => [a.data.id!, a]));
        this.cy.add(added).forEach((el) => {
          const a = given.get(el.id())!;
          // Kept as later updates give it, without the id, so that an unchanged element compares equal.
          const { id: _id, ...data } = a.data;
          this.elements.set(el.id(), { el, data, classes: a.classes as string });
          if (el.isEdge()) routed.push(el);
        });
      }
      // Bend points change only with the layout: set once on the edge, not mapped from data on every restyle.
      if (input.routed && layout !== UNPLACED) for (const el of routed) el.style(this.segments.get(el.id()) ?? STRAIGHT);
      if (moves.length > ANIMATE_UP_TO || first) for (const [el, p] of moves) (el as cytoscape.NodeSingular).position({ ...p });
    });
    return moves;
  }

  /** Works out what a new layout changes once: each edge's bend points relative to its ends, and the bounds. */
  private relayout(input: GraphInput): void {
    const { layout } = input;
    this.layout = layout;
    this.segments = new Map();
    for (const e of input.edges) {
      const s = layout.positions[e.source];
      const t = layout.positions[e.target];
      const route = layout.routes[e.id];
      if (s && t && route && input.routed) this.segments.set(e.id, segments(route, s, t));
    }
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    const grow = (x: number, y: number, w: number, h: number) => {
      x1 = Math.min(x1, x - w / 2);
      y1 = Math.min(y1, y - h / 2);
      x2 = Math.max(x2, x + w / 2);
      y2 = Math.max(y2, y + h / 2);
    };
    for (const [id, p] of Object.entries(layout.positions)) grow(p.x, p.y, input.sizes.get(id)?.width ?? 40, input.sizes.get(id)?.height ?? 24);
    for (const [id, p] of Object.entries(layout.labels)) grow(p.x, p.y, input.labels.get(id)?.size?.width ?? 0, input.labels.get(id)?.size?.height ?? 0);
    for (const f of layout.frames) grow(f.x + f.width / 2, f.y + f.height / 2, f.width, f.height);
    this.bounds = Number.isFinite(x1) ? { x1, y1, x2, y2 } : { x1: 0, y1: 0, x2: 0, y2: 0 };
  }

  /** Updates a drawn element's data and classes where they changed; undefined when the element is not drawn yet. */
  private sync(id: string, data: Record<string, unknown>, classes: string): cytoscape.SingularElementArgument | undefined {
    const known = this.elements.get(id);
    if (!known) return undefined;
    if (changed(known.data, data)) {
      // A label that is no longer given must go: data() only adds and overwrites.
      for (const k of Object.keys(known.data)) if (!(k in data)) known.el.removeData(k);
      known.el.data(data);
      known.data = data;
    }
    if (known.classes !== classes) {
      // One call that sets every class: two (remove, then add) cost two restyles' worth of bookkeeping.
      const selected = this.current !== undefined && (id === this.current.id || id === LABEL_PREFIX + this.current.id);
      known.el.classes(selected ? `${classes} selected` : classes);
      known.classes = classes;
    }
    return known.el;
  }

  /**
   * Fits the graph into view, never so small that names drop below READABLE_PX (a wide graph then scrolls
   * sideways by dragging), except a big mesh, which is a summary and shows whole. In a narrow view, where the
   * page scrolls, the graph's box takes the graph's height.
   */
  fit(): void {
    this.userMoved = false;
    this.cy.stop(true, false);
    const b = this.bounds;
    const w = b.x2 - b.x1 + 2 * MARGIN;
    const h = b.y2 - b.y1 + 2 * MARGIN;
    if (w <= 2 * MARGIN) return;
    const width = this.cy.width();
    const readable = this.routed ? READABLE_PX / NODE_FONT : 0;
    let zoom = Math.min(MAX_FIT_ZOOM, width / w);
    if (getComputedStyle(this.container).getPropertyValue('--fit-height').trim() === 'content') {
      const most = Math.max(160, window.innerHeight * 0.7);
      zoom = Math.max(Math.min(zoom, most / h), readable);
      const height = `${Math.ceil(Math.min(most, h * zoom))}px`;
      if (this.container.style.height !== height) {
        this.container.style.height = height;
        this.cy.resize();
      }
    } else zoom = Math.max(Math.min(zoom, this.cy.height() / h), readable);
    // Centred when it fits; otherwise its top left corner shows first.
    const pan = (size: number, lo: number, extent: number) => (extent * zoom <= size ? (size - zoom * (2 * lo + extent - 2 * MARGIN)) / 2 : -zoom * (lo - MARGIN));
    this.cy.viewport({ zoom, pan: { x: pan(width, b.x1, w), y: pan(this.cy.height(), b.y1, h) } });
  }

  /** The view changed size: the canvas follows, and the graph is fitted again. */
  resize(): void {
    this.cy.resize();
    this.fit();
  }

  geometry(): Geometry {
    const r = (b: cytoscape.BoundingBox12) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    return {
      view: { width: this.cy.width(), height: this.cy.height() },
      fontPx: NODE_FONT * zoom,
      nodes: this.cy.nodes('[kind]').map((n) => ({ id: n.id(), box: r(n.renderedBoundingBox({ includeLabels: false, includeOverlays: false })) })),
      edgeLabels: this.cy.nodes('.edge-label').map((n) => ({ id: String(n.data('edge')), box: r(n.renderedBoundingBox({ includeLabels: false, includeOverlays: false })) })),
      titles: this.cy.nodes('.title').map((n) => ({ id: n.id(), box: r(n.renderedBoundingBox({ includeLabels: true, includeOverlays: false })) })),
      edges: this.cy.edges().map((e) => {
        const model = [e.sourceEndpoint(), ...(e.data('loop') === 'yes' ? [] : (e.segmentPoints() ?? [])), e.targetEndpoint()];
        const drawn = { line: String(e.style('line-style')), arrow: String(e.style('target-arrow-shape')), colour: String(e.style('line-color')), label: this.labels.get(e.id())?.text ?? '' };
        return { id: e.id(), source: e.source().id(), target: e.target().id(), points: model.flatMap((p) => [p.x * zoom + pan.x, p.y * zoom + pan.y]), drawn };
      }),
    };
  }

  private choose(sel: Selection | undefined, announce: boolean): void {
    this.highlight(sel);
    this.callbacks.select(sel);
    if (announce && sel) {
      const el = this.cy.getElementById(sel.id);
      this.live.textContent = sel.kind === 'node' ? `${String(el.data('kind'))} ${String(el.data('label'))}` : `Edge ${String(el.source().data('label'))} to ${String(el.target().data('label'))}, ${this.labels.get(sel.id)?.text ?? ''}`;
      // Bring a node or edge chosen by keyboard into view, so sighted keyboard users see the focus; the view
      // only moves when it must, and a new move replaces a running one instead of queueing behind it.
      const box = el.renderedBoundingBox();
      if (box.x1 < 0 || box.y1 < 0 || box.x2 > this.cy.width() || box.y2 > this.cy.height()) {
        this.cy.stop(true, false);
        this.cy.animate({ center: { eles: el } }, { duration: 150 });
      }
    }
  }

  private highlight(sel: Selection | undefined): void {
    // The elements marked last time, rather than a search of every element for the class.
    const before = this.marked;
    before.removeClass('selected');
    // A big mesh shows an edge's label only while it is selected.
    for (const e of before.edges()) if (!this.labels.get(e.id())?.size && e.data('loop') !== 'yes') e.removeData('label');
    this.current = sel;
    this.marked = this.cy.collection();
    if (!sel) return;
    const el = this.cy.getElementById(sel.id);
    this.marked = sel.kind === 'edge' ? el.union(this.cy.getElementById(LABEL_PREFIX + sel.id)) : el;
    this.marked.addClass('selected');
    if (sel.kind !== 'edge') return;
    const label = this.labels.get(sel.id);
    if (label && !label.size) el.data('label', label.text);
  }

  /** Arrow keys walk nodes, then edges; Enter activates; Escape clears the selection. */
  private onKey(e: KeyboardEvent): void {
    if (this.order.length === 0) return;
    const i = this.current ? this.order.findIndex((s) => s.id === this.current?.id) : -1;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') this.choose(this.order[(i + 1) % this.order.length], true);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') this.choose(this.order[(i - 1 + this.order.length) % this.order.length], true);
    else if (e.key === 'Home') this.choose(this.order[0], true);
    else if (e.key === 'End') this.choose(this.order[this.order.length - 1], true);
    else if (e.key === 'Enter' && this.current) this.callbacks.activate(this.current);
    else if (e.key === 'Escape') this.choose(undefined, false);
    else return;
    e.preventDefault();
  }
}

/**
 * Absolute bend points as cytoscape's segment weights and distances: each point as a fraction along the line
 * from source to target and a signed distance from it (positive to the left of the direction of travel).
 */
type Segments = { readonly 'segment-weights': string; readonly 'segment-distances': string };
const STRAIGHT: Segments = { 'segment-weights': '0.5', 'segment-distances': '0' };
/** The layout prepare() adds elements with: every workload at the origin, nothing else yet. */
const UNPLACED: Layout = { positions: {}, routes: {}, labels: {}, frames: [] };

export function segments(route: readonly number[], s: Point, t: Point): Segments {
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const l2 = dx * dx + dy * dy;
  if (route.length === 0 || l2 === 0) return STRAIGHT;
  const l = Math.sqrt(l2);
  const w: string[] = [];
  const d: string[] = [];
  for (let i = 0; i < route.length; i += 2) {
    const px = route[i] - s.x;
    const py = route[i + 1] - s.y;
    w.push(((px * dx + py * dy) / l2).toFixed(4));
    d.push(((py * dx - px * dy) / l).toFixed(1));
  }
  return { 'segment-weights': w.join(' '), 'segment-distances': d.join(' ') };
}

/**
 * Reading order: the graph column by column, top to bottom, then the row of idle workloads; then the edges in
 * the order of their sources. It changes only with the layout.
 */
function readingOrder(input: GraphInput, drawn: (id: string) => boolean): Selection[] {
  const { layout } = input;
  const at = (id: string) => layout.positions[id] ?? { x: Infinity, y: Infinity };
  const busy = new Set<string>();
  for (const e of input.edges) if (e.source !== e.target) busy.add(e.source).add(e.target);
  const idle = (id: string) => (busy.has(id) ? 0 : 1);
  const nodes = [...input.nodes].sort((a, b) => idle(a.id) - idle(b.id) || at(a.id).x - at(b.id).x || at(a.id).y - at(b.id).y || a.id.localeCompare(b.id));
  const rank = new Map(nodes.map((n, i) => [n.id, i]));
  const edges = input.edges.filter((e) => drawn(e.id)).sort((a, b) => rank.get(a.source)! - rank.get(b.source)! || rank.get(a.target)! - rank.get(b.target)!);
  return [...nodes.map((n) => ({ kind: 'node' as const, id: n.id })), ...edges.map((e) => ({ kind: 'edge' as const, id: e.id }))];
}

/** Success rate of the requests each node served, weighted by request rate: the node's health colour. */
function servedRates(edges: readonly PanelEdge[]): Map<string, number | null> {
  const sums = new Map<string, { ok: number; all: number }>();
  for (const e of edges) {
    if (e.successRate === null || e.requestsPerSecond <= 0) continue;
    const s = sums.get(e.target) ?? { ok: 0, all: 0 };
    s.ok += e.successRate * e.requestsPerSecond;
    s.all += e.requestsPerSecond;
    sums.set(e.target, s);
  }
  return new Map([...sums].map(([id, s]) => [id, s.all > 0 ? s.ok / s.all : null]));
}
