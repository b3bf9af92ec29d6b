// What the layout is asked for the graph as drawn: every node's box and every edge label's box, measured in
// the graph's fonts, in a fixed order so that the same graph always gets the same picture.
import type { PanelEdge } from '../../src/shared/trafficProtocol';
import { IDLE_TITLE, type LayoutRequest, type Size } from '../trafficLayout/types';
import { deniedParts, edgeLabel, isDenied, type LabelMode } from './format';
import { nodeText } from './graph';
import { LABEL_FONT, NODE_FONT } from './graphStyle';
import { isGroup, type Grouped } from './grouping';
import type { TextMeasure } from './measure';

/**
 * Above this many edges labels get no room of their own (only the selected edge's shows, on its line) and edges
 * are drawn straight: thousands of routed lines cost more to draw than a poll allows, and are no picture anyone
 * reads; the table has every number.
 */
export const LABELS_UP_TO = 400;
const NODE_PAD = 6;
const NODE_HEIGHT = 24;
const LABEL_PAD = 3;
const LABEL_HEIGHT = 16;

export interface GraphRequest {
  readonly layout: Pick<LayoutRequest, 'nodes' | 'edges' | 'idleTitles'>;
  readonly sizes: ReadonlyMap<string, Size>;
  readonly labels: ReadonlyMap<string, { readonly text: string; readonly size?: Size }>;
  /** Whether edges get labels of their own and routes around nodes (see LABELS_UP_TO). */
  readonly routed: boolean;
  /** Everything the layout depends on, as one string to compare with the last one. */
  readonly key: string;
}

/** Code-unit order: the same on every machine, and far cheaper than localeCompare on thousands of ids. */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The edge's number, with the marks that say more than colour: ⚠ not mTLS, ⊘ requests or connections denied by
 * policy (all of them, or how many per second). An edge with no requests at all (an opaque port, or a caller
 * whose connections were all refused) has nothing but its denials to show.
 */
export function labelText(e: PanelEdge, mode: LabelMode): string {
  const tls = e.noTlsReason === '' ? '' : '⚠ ';
  if (!isDenied(e)) return tls + edgeLabel(e, mode);
  const { requests, connections } = deniedParts(e);
  const conn = connections && `${connections} conn/s`;
  const all = (e.deniedRps ?? 0) >= e.requestsPerSecond && (mode === 'rps' || e.requestsPerSecond === 0);
  if (all) return `${tls}⊘ ${[requests && `${requests}/s`, conn].filter(Boolean).join(' + ')} denied`;
  return `${tls}${edgeLabel(e, mode)} ⊘ ${[requests, conn].filter(Boolean).join(' + ')} denied`;
}

/**
 * `reserved` holds each label's width from earlier polls: a label's room is as wide as its text with every digit
 * an 8, and never narrower than before, so new numbers do not change the layout.
 */
export function graphRequest(g: Grouped, mode: LabelMode, measure: TextMeasure, reserved: Map<string, number>): GraphRequest {
  const sizes = new Map<string, Size>();
  const nodes = [...g.nodes].sort(byId).map((n) => {
    const size = { width: Math.ceil(measure.width(nodeText(n), NODE_FONT, isGroup(n))) + 2 * NODE_PAD, height: NODE_HEIGHT };
    sizes.set(n.id, size);
    return { id: n.id, band: n.namespace, framed: !isGroup(n), ...size };
  });
  const loops = g.edges.filter((e) => e.source === e.target).length;
  const labelled = g.edges.length - loops <= LABELS_UP_TO;
  const labels = new Map<string, { text: string; size?: Size }>();
  const edges = [...g.edges].sort(byId).map((e) => {
    const text = labelText(e, mode);
    if (!labelled || e.source === e.target) {
      labels.set(e.id, { text });
      return { id: e.id, source: e.source, target: e.target };
    }
    const width = Math.max(reserved.get(e.id) ?? 0, Math.ceil(measure.width(text.replace(/\d/g, '8'), LABEL_FONT)) + 2 * LABEL_PAD);
    reserved.set(e.id, width);
    const size = { width, height: LABEL_HEIGHT };
    labels.set(e.id, { text, size });
    return { id: e.id, source: e.source, target: e.target, label: size };
  });
  const idleTitles: Record<string, number> = {};
  for (const n of nodes) idleTitles[n.band] ??= Math.ceil(measure.width(n.band + IDLE_TITLE, LABEL_FONT, true));
  const key = `${nodes.map((n) => `${n.id}\t${n.band}\t${n.width}\t${n.framed}`).join('\n')}\n\n${edges.map((e) => `${e.id}\t${e.source}\t${e.target}\t${e.label?.width ?? ''}`).join('\n')}`;
  return { layout: { nodes, edges, idleTitles }, sizes, labels, routed: labelled, key };
}
