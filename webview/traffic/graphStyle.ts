// The graph's cytoscape stylesheet, from the theme's colours. Meaning never rides on colour alone: an edge
// without mTLS is dashed and its label starts with ⚠, an edge with requests denied by policy is dotted, ends in
// a bar and its label says "⊘ … denied", an unmeshed workload has a dashed outline, a folded namespace a double one.
import type cytoscape from 'cytoscape';
import type { Theme } from './theme';

/** Font sizes at zoom 1; the fit never zooms out below what keeps node names at READABLE_PX. */
export const NODE_FONT = 12;
export const LABEL_FONT = 11;
export const READABLE_PX = 11;
/** Edges are 1 to MAX_WEIGHT pixels wide, by request rate (classes w2 … w5). */
export const MAX_WEIGHT = 5;

export function stylesheet(t: Theme): cytoscape.StylesheetStyle[] {
  const colour = (h: string) => (h === 'ok' ? t.ok : h === 'warn' ? t.warn : h === 'fail' ? t.fail : t.idle);
  // Text too small to read is not drawn: a big mesh shown whole draws no names (a readable graph is never fitted that small).
  const text = { color: t.foreground, 'font-family': t.fontFamily, 'min-zoomed-font-size': 6 } as const;
  const base: cytoscape.StylesheetStyle[] = [
    {
      // A namespace's frame: a plain shape behind its workloads, not a compound parent (whose bookkeeping
      // costs more than the rest of a big mesh). A faint wash of the text colour works in every theme and
      // keeps the name, in the text colour, at full contrast.
      selector: 'node.frame',
      style: { shape: 'round-rectangle', width: 'data(width)', height: 'data(height)', 'background-color': t.foreground, 'background-opacity': 0.05, 'border-width': 1, 'border-color': t.border, events: 'no', 'z-index': 0 },
    },
    {
      // The namespace's name, in the frame's top left corner: a dot-sized node whose label runs to its right.
      selector: 'node.title',
      style: { ...text, label: 'data(label)', 'font-size': LABEL_FONT, 'font-weight': 'bold', 'text-halign': 'right', 'text-valign': 'center', width: 1, height: 1, 'background-opacity': 0, 'border-width': 0, events: 'no', 'z-index': 1 },
    },
    {
      selector: 'node[kind]',
      style: {
        ...text,
        label: 'data(label)',
        'font-size': NODE_FONT,
        'text-valign': 'center',
        'text-halign': 'center',
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        'background-color': t.background,
        'border-width': 2,
        'border-color': t.idle,
        'z-index': 5,
      },
    },
    { selector: 'node[group = "yes"]', style: { 'border-style': 'double', 'border-width': 4, 'font-weight': 'bold' } },
    { selector: 'node[meshed = "no"]', style: { 'border-style': 'dashed', 'border-color': t.muted } },
    {
      selector: 'node.edge-label',
      style: { ...text, label: 'data(label)', 'font-size': LABEL_FONT, 'text-valign': 'center', 'text-halign': 'center', shape: 'round-rectangle', width: 'data(width)', height: 'data(height)', 'background-color': t.background, 'border-width': 1, 'border-color': t.idle, 'z-index': 4 },
    },
    {
      // Numbers change on every poll, so what they decide (health, weight, mTLS) is a class, not mapped data:
      // cytoscape restyles an element whose classes match another's from its cache, and mapped data never.
      // Every property here is applied to each of thousands of edges, so only what every edge needs; edges
      // among themselves keep the order they were added in (nodes are drawn over them whatever their z-index).
      selector: 'edge',
      style: { width: 1, 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.9, 'line-color': t.idle, 'target-arrow-color': t.idle },
    },
    // The bend points are set on each routed edge when the layout changes (see TrafficGraph.relayout).
    { selector: 'edge.routed', style: { 'curve-style': 'round-segments', 'segment-radii': [6], 'edge-distances': 'node-position' } },
    {
      // Only a big mesh's selected edge, or a loop, carries its label on the line itself, level and on the
      // background. Text properties only where there is text: cytoscape hashes every property of an element
      // on each restyle, and a font family is a long string.
      selector: 'edge[label]',
      style: {
        ...text,
        label: 'data(label)',
        'font-size': LABEL_FONT,
        'text-rotation': 'none',
        'text-background-color': t.background,
        'text-background-opacity': 1,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
      },
    },
    // At least 2 px, so its dots and bar show; a heavier edge keeps its weight (the w classes come later).
    { selector: 'edge.denied', style: { width: 2 } },
    { selector: 'edge[loop = "yes"]', style: { 'curve-style': 'bezier', 'loop-direction': '0deg', 'loop-sweep': '-60deg' } },
    { selector: 'edge.plain', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    { selector: 'node.selected, edge.selected', style: { 'overlay-color': t.focus, 'overlay-opacity': 0.3, 'overlay-padding': 4 } },
    // A selected edge is drawn over the nodes, so its label is never hidden.
    { selector: 'edge.selected', style: { 'z-index-compare': 'manual', 'z-index': 20 } },
  ];
  for (let w = 2; w <= MAX_WEIGHT; w++) base.push({ selector: `edge.w${w}`, style: { width: w } });
  for (const h of ['ok', 'warn', 'fail']) {
    base.push({ selector: `node[kind][meshed = "yes"].${h}`, style: { 'border-color': colour(h) } });
    base.push({ selector: `edge.${h}`, style: { 'line-color': colour(h), 'target-arrow-color': colour(h) } });
    base.push({ selector: `node.edge-label.${h}`, style: { 'border-color': colour(h) } });
  }
  // Colour alone must not carry meaning in high contrast: failing edges also get a thicker, dotted line.
  if (t.highContrast) base.push({ selector: 'edge.fail', style: { 'line-style': 'dotted', width: 5 } });
  // Last, so that it wins over health and mTLS: denial is what a person must see first on that edge.
  base.push(
    { selector: 'edge.denied', style: { 'line-color': t.denied, 'target-arrow-color': t.denied, 'target-arrow-shape': 'tee', 'line-style': 'dashed', 'line-dash-pattern': [2, 3] } },
    { selector: 'node.edge-label.denied', style: { 'border-color': t.denied, 'border-style': 'dashed', 'border-width': 2 } },
  );
  return base;
}
