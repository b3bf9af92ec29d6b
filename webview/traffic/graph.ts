// The service graph on a cytoscape canvas. Positions come from the layout worker; this module only
// draws, diffs elements between updates (so nothing jumps) and makes the canvas usable by keyboard.
import cytoscape from 'cytoscape';
import type { PanelSettings, TrafficEdge } from '../../src/shared/trafficProtocol';
import { edgeLabel, health, type LabelMode } from './format';
import { isGroup, type NamespaceBox, type ViewNode } from './grouping';
import type { Point } from './layout';
import type { Theme } from './theme';

export type Selection = { readonly kind: 'node' | 'edge'; readonly id: string };

export interface GraphCallbacks {
  select(sel: Selection | undefined): void;
  /** Enter or double click: the node's manifest, or an edge's details. */
  activate(sel: Selection): void;
  moved(id: string, p: Point): void;
}

export interface GraphInput {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly TrafficEdge[];
  readonly positions: Readonly<Record<string, Point>>;
  /** Frames around expanded namespaces, drawn behind their workloads. */
  readonly boxes: readonly NamespaceBox[];
  readonly label: LabelMode;
  readonly settings: PanelSettings;
  readonly selected?: Selection;
}

const BOX_PREFIX = 'box:';
const STRAIGHT_ABOVE = 400;
const LABELS_ABOVE = 400;

/** Setting data restyles and redraws an element, so only elements whose data changed are touched. */
function changed(before: Record<string, unknown>, data: Record<string, unknown>): boolean {
  for (const k of Object.keys(data)) if (before[k] !== data[k]) return true;
  return Object.keys(before).length !== Object.keys(data).length;
}

export class TrafficGraph {
  private readonly cy: cytoscape.Core;
  private order: Selection[] = [];
  private current: Selection | undefined;
  private straight = false;
  /** The drawn elements and the data last given to each: comparing plain objects is far cheaper than asking cytoscape. */
  private readonly elements = new Map<string, { el: cytoscape.SingularElementArgument; data: Record<string, unknown> }>();
  /** Every edge's label text; a big mesh draws only the selected edge's. */
  private readonly labels = new Map<string, string>();
  private labelled = true;
  /** The lock on secured edges, when the system has a font with that glyph (else the line style says it). */
  private readonly lock = hasGlyph('🔒') ? '🔒 ' : '';

  constructor(
    container: HTMLElement,
    private readonly live: HTMLElement,
    private readonly callbacks: GraphCallbacks,
    theme: Theme,
  ) {
    this.cy = cytoscape({
      container,
      layout: { name: 'preset' },
      style: stylesheet(theme),
      minZoom: 0.1,
      maxZoom: 3,
      boxSelectionEnabled: false,
      // A large mesh pans smoothly when edges are hidden during the gesture.
      hideEdgesOnViewport: true,
      textureOnViewport: true,
    });
    this.cy.on('tap', 'node[kind], edge', (e) => this.choose(selectionOf(e.target as cytoscape.SingularElementReturnValue), false));
    this.cy.on('tap', (e) => e.target === this.cy && this.choose(undefined, false));
    this.cy.on('dbltap', 'node[kind], edge', (e) => this.callbacks.activate(selectionOf(e.target as cytoscape.SingularElementReturnValue)));
    this.cy.on('dragfree', 'node[kind]', (e) => {
      const n = e.target as cytoscape.NodeSingular;
      this.callbacks.moved(n.id(), { ...n.position() });
    });
    container.addEventListener('keydown', (e) => this.onKey(e));
  }

  setTheme(theme: Theme): void {
    this.cy.style(stylesheet(theme));
    if (this.straight) this.cy.style().selector('edge').style('curve-style', 'straight').update();
  }

  /** Adds, removes and updates elements in place; existing nodes keep their positions. */
  update(input: GraphInput): void {
    const first = this.cy.nodes().length === 0;
    const wanted = new Set<string>();
    const byId = new Map(input.nodes.map((n) => [n.id, n]));
    const served = servedRates(input.edges);
    // Thousands of edge labels cost more to measure than to draw the graph, and cannot be read at that size:
    // a big mesh shows the label of the selected edge only (the table has every number).
    const labelled = input.edges.length <= LABELS_ABOVE;
    this.labels.clear();
    // New elements go in with one add() call: adding them one by one re-indexes the graph each time.
    const added: cytoscape.ElementDefinition[] = [];
    this.cy.batch(() => {
      for (const box of input.boxes) {
        const id = BOX_PREFIX + box.namespace;
        wanted.add(id);
        const data = { id, label: box.namespace, width: box.width, height: box.height };
        const existing = this.sync(id, data) as cytoscape.NodeSingular | undefined;
        if (!existing) added.push({ group: 'nodes', data, position: { x: box.x, y: box.y }, classes: 'namespace', selectable: false, grabbable: false });
        else {
          const p = existing.position();
          if (p.x !== box.x || p.y !== box.y) existing.position({ x: box.x, y: box.y });
        }
      }
      for (const n of input.nodes) {
        wanted.add(n.id);
        const label = n.members === undefined ? n.name : `${n.name} (${n.members})`;
        const data = { id: n.id, label, kind: n.kind, health: health(served.get(n.id) ?? null, input.settings), meshed: n.meshed ? 'yes' : 'no', group: isGroup(n) ? 'yes' : 'no' };
        if (!this.sync(n.id, data)) added.push({ group: 'nodes', data, position: { ...(input.positions[n.id] ?? { x: 0, y: 0 }) } });
      }
      for (const e of input.edges) {
        if (!byId.has(e.source) || !byId.has(e.target)) continue;
        wanted.add(e.id);
        const mark = e.noTlsReason === '' ? this.lock : '⚠ ';
        const text = mark + edgeLabel(e, input.label);
        this.labels.set(e.id, text);
        const data: Record<string, unknown> = { id: e.id, source: e.source, target: e.target, health: health(e.successRate, input.settings), secured: e.noTlsReason === '' ? 'yes' : 'no', weight: Math.round(Math.min(6, 1 + Math.log10(1 + e.requestsPerSecond) * 2)) };
        if (labelled || input.selected?.id === e.id) data.label = text;
        if (!this.sync(e.id, data)) added.push({ group: 'edges', data });
      }
      for (const [id, { el }] of this.elements) {
        if (wanted.has(id)) continue;
        el.remove();
        this.elements.delete(id);
      }
      if (added.length) {
        const given = new Map(added.map((a) => [a.data.id!, a.data as Record<string, unknown>]));
        this.cy.add(added).forEach((el) => void this.elements.set(el.id(), { el, data: given.get(el.id())! }));
      }
    });
    this.labelled = labelled;
    // Bezier edges keep a->b and b->a apart but cost far more to draw; a big mesh gets straight ones.
    const straight = this.cy.edges().length > STRAIGHT_ABOVE;
    if (straight !== this.straight) {
      this.straight = straight;
      this.cy.style().selector('edge').style('curve-style', straight ? 'straight' : 'bezier').update();
    }
    this.order = [
      ...[...input.nodes].sort((a, b) => a.id.localeCompare(b.id)).map((n) => ({ kind: 'node' as const, id: n.id })),
      ...input.edges.filter((e) => wanted.has(e.id)).map((e) => ({ kind: 'edge' as const, id: e.id })),
    ];
    this.highlight(input.selected && wanted.has(input.selected.id) ? input.selected : undefined);
    if (first) this.fit();
  }

  /** Updates a drawn element's data if it changed; undefined when the element is not drawn yet. */
  private sync(id: string, data: Record<string, unknown>): cytoscape.SingularElementArgument | undefined {
    const known = this.elements.get(id);
    if (!known) return undefined;
    if (changed(known.data, data)) {
      known.el.data(data);
      known.data = data;
    }
    return known.el;
  }

  viewport(): { zoom: number; pan: Point } {
    return { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } };
  }

  restoreViewport(v: { zoom: number; pan: Point }): void {
    this.cy.viewport({ zoom: v.zoom, pan: { ...v.pan } });
  }

  /**
   * Fits the workloads into view. Cytoscape's own fit measures every label's box first, which costs about a
   * second on a big mesh; node positions plus a margin for labels and namespace boxes are enough.
   */
  fit(): void {
    this.cy.stop(true, false);
    const nodes = this.cy.nodes('[kind]');
    if (nodes.empty()) return;
    const bb = nodes.boundingBox({ includeLabels: false, includeOverlays: false });
    const margin = 60;
    const zoom = Math.min(3, Math.max(0.1, Math.min(this.cy.width() / (bb.w + 2 * margin), this.cy.height() / (bb.h + 2 * margin))));
    this.cy.viewport({ zoom, pan: { x: (this.cy.width() - zoom * (bb.x1 + bb.x2)) / 2, y: (this.cy.height() - zoom * (bb.y1 + bb.y2)) / 2 } });
  }

  resize(): void {
    this.cy.resize();
  }

  private choose(sel: Selection | undefined, announce: boolean): void {
    this.highlight(sel);
    this.callbacks.select(sel);
    if (announce && sel) {
      const el = this.cy.getElementById(sel.id);
      this.live.textContent = sel.kind === 'node' ? `${String(el.data('kind'))} ${String(el.data('label'))}` : `Edge ${String(el.source().data('label'))} to ${String(el.target().data('label'))}, ${String(el.data('label'))}`;
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
    const before = this.cy.$('.selected');
    before.removeClass('selected');
    if (!this.labelled && this.current?.kind === 'edge' && this.current.id !== sel?.id) before.removeData('label');
    this.current = sel;
    if (!sel) return;
    const el = this.cy.getElementById(sel.id);
    el.addClass('selected');
    if (!this.labelled && sel.kind === 'edge') el.data('label', this.labels.get(sel.id) ?? '');
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

/** A glyph no font has draws as the same box as one that is missing: compare their widths. */
function hasGlyph(glyph: string): boolean {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return false;
  ctx.font = '16px sans-serif';
  return ctx.measureText(glyph).width !== ctx.measureText('\u{10FFFD}').width;
}

function selectionOf(t: cytoscape.SingularElementReturnValue): Selection {
  return { kind: t.isNode() ? 'node' : 'edge', id: t.id() };
}

/** Success rate of the requests each node served, weighted by request rate: the node's health colour. */
function servedRates(edges: readonly TrafficEdge[]): Map<string, number | null> {
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

function stylesheet(t: Theme): cytoscape.StylesheetStyle[] {
  const colour = (h: string) => (h === 'ok' ? t.ok : h === 'warn' ? t.warn : h === 'fail' ? t.fail : t.idle);
  const base: cytoscape.StylesheetStyle[] = [
    {
      selector: 'node[kind]',
      style: {
        label: 'data(label)',
        color: t.foreground,
        'font-family': t.fontFamily,
        'font-size': 12,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        // Names stay readable in a narrow side bar, where the whole mesh is drawn small.
        'min-zoomed-font-size': 5,
        width: 26,
        height: 26,
        'z-index': 5,
        'background-color': t.background,
        'border-width': 4,
        'border-color': t.idle,
      },
    },
    {
      // A frame, not a compound parent: cytoscape's compound bookkeeping cost more than the rest of a big mesh.
      selector: 'node.namespace',
      style: {
        label: 'data(label)',
        color: t.muted,
        'font-family': t.fontFamily,
        'font-size': 12,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        width: 'data(width)',
        height: 'data(height)',
        'background-opacity': 0,
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': t.border,
        shape: 'round-rectangle',
        events: 'no',
        'z-index': 0,
      },
    },
    {
      selector: 'node[group = "yes"]',
      style: { shape: 'round-rectangle', width: 44, height: 30, 'border-style': 'double', 'border-width': 5, 'font-weight': 'bold' },
    },
    {
      selector: 'node[meshed = "no"]',
      style: { 'border-style': 'dashed', 'border-width': 2, shape: 'round-rectangle', 'border-color': t.muted },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(weight)',
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'line-color': t.idle,
        'target-arrow-color': t.idle,
        label: 'data(label)',
        color: t.foreground,
        'font-family': t.fontFamily,
        'font-size': 10,
        'min-zoomed-font-size': 8,
        'text-background-color': t.background,
        'text-background-opacity': 1,
        'text-background-padding': '2px',
        'text-rotation': 'autorotate',
      },
    },
    { selector: 'edge[secured = "no"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    { selector: 'edge[!label]', style: { label: '' } },
    { selector: 'node.selected, edge.selected', style: { 'overlay-color': t.focus, 'overlay-opacity': 0.25, 'overlay-padding': 6, 'z-index': 10 } },
  ];
  for (const h of ['ok', 'warn', 'fail']) {
    base.push({ selector: `node[kind][meshed = "yes"][health = "${h}"]`, style: { 'border-color': colour(h) } });
    base.push({ selector: `edge[health = "${h}"]`, style: { 'line-color': colour(h), 'target-arrow-color': colour(h) } });
  }
  // Colour alone must not carry meaning in high contrast: failing edges also get a thicker, dotted line.
  if (t.highContrast) base.push({ selector: 'edge[health = "fail"]', style: { 'line-style': 'dotted', width: 6 } });
  return base;
}
