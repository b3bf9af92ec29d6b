// The shape of what the graph draws, as the page reports it; no DOM here, so tests in Node can name it.

/** What the page draws, in screen pixels of the graph's canvas: for tests, and for tools that check a picture. */
export interface Geometry {
  readonly view: { readonly width: number; readonly height: number };
  /** The node names' font size on screen. */
  readonly fontPx: number;
  readonly nodes: readonly { readonly id: string; readonly box: Box }[];
  readonly edgeLabels: readonly { readonly id: string; readonly box: Box }[];
  readonly titles: readonly { readonly id: string; readonly box: Box }[];
  /** Each edge as drawn: its end points and bend points, its line and arrow, and its label's text. */
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string; readonly points: readonly number[]; readonly drawn: Drawn }[];
}

export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** How an edge is painted: cytoscape's computed style, so a test sees the pattern and not only a class. */
export interface Drawn {
  readonly line: string;
  readonly arrow: string;
  readonly colour: string;
  readonly label: string;
}
