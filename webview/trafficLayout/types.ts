/**
 * What the page asks of the layout worker and what it gets back. Sizes are in graph units (CSS pixels at
 * zoom 1), measured by the page, which alone can measure text.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface LayoutNode extends Size {
  readonly id: string;
  /** Nodes of one band (a namespace) share a horizontal lane. */
  readonly band: string;
  /** Drawn inside its band's frame (a workload), or on its own (a folded namespace). */
  readonly framed: boolean;
}

export interface LayoutEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** The label's box: the layout reserves room for it on the edge, clear of every node and other label. */
  readonly label?: Size;
}

export interface LayoutRequest {
  readonly seq: number;
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  /** Where nodes were before: the layout keeps their order, so an added workload does not reshuffle the rest. */
  readonly previous: Readonly<Record<string, Point>>;
  /** Width / height of the view: how wide the row of idle nodes under the graph may grow. */
  readonly aspect: number;
  /**
   * Whether to route edges around nodes. Without, a big mesh's long edges are drawn straight, and the layout
   * skips the bend points that routing needs (most of its work when edges span many columns).
   */
  readonly route: boolean;
  /**
   * How wide each namespace's name is drawn with IDLE_TITLE after it: a namespace with traffic and idle workloads
   * has two frames, and the one under the graph must say it holds the idle ones, and be wide enough to say it.
   */
  readonly idleTitles?: Readonly<Record<string, number>>;
}

/** What the frame of a namespace's idle workloads adds to its name when the namespace also has a lane above. */
export const IDLE_TITLE = ' · no traffic';

/** A frame's title starts this far in from the frame's left edge. */
export const TITLE_INSET = 8;

/** A namespace's frame, top-left corner and size. */
export interface Frame {
  readonly band: string;
  /** The frame of workloads with no traffic in a namespace whose other workloads have a lane (titled with IDLE_TITLE). */
  readonly idle?: boolean;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Layout {
  /** Centres of the nodes. */
  readonly positions: Record<string, Point>;
  /** Bend points of each edge from its source to its target, flat [x0, y0, x1, y1, …]; empty for a straight edge. */
  readonly routes: Record<string, number[]>;
  /** Centres of the edge labels that were given a size. */
  readonly labels: Record<string, Point>;
  readonly frames: Frame[];
}

export interface LayoutResult extends Layout {
  readonly seq: number;
}

export function isLayoutRequest(v: unknown): v is LayoutRequest {
  const r = v as LayoutRequest;
  return typeof v === 'object' && v !== null && typeof r.seq === 'number' && Array.isArray(r.nodes) && Array.isArray(r.edges) && typeof r.previous === 'object' && r.previous !== null && typeof r.aspect === 'number' && typeof r.route === 'boolean';
}
