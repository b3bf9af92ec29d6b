// Checks of a drawn graph's geometry that a person would make by eye: no edge runs through a node it does not
// join, and no two labels cover each other. Used on the layout's output and on what the page drew.

import type { Box } from '../../webview/traffic/geometry';

export type { Box };

export function overlaps(a: Box, b: Box, slack = 0.5): boolean {
  return a.x1 + slack < b.x2 && b.x1 + slack < a.x2 && a.y1 + slack < b.y2 && b.y1 + slack < a.y2;
}

/** Whether the segment from (ax, ay) to (bx, by) passes through the inside of the box (shrunk by `slack`). */
export function segmentCrosses(ax: number, ay: number, bx: number, by: number, box: Box, slack = 1): boolean {
  const x1 = box.x1 + slack;
  const y1 = box.y1 + slack;
  const x2 = box.x2 - slack;
  const y2 = box.y2 - slack;
  if (x1 >= x2 || y1 >= y2) return false;
  // Liang–Barsky clipping: the part of the segment inside the box, if any.
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  for (const [p, q] of [[-dx, ax - x1], [dx, x2 - ax], [-dy, ay - y1], [dy, y2 - ay]] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return t1 - t0 > 1e-9;
}

export interface DrawnEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Flat x, y pairs from the source to the target. */
  readonly points: readonly number[];
}

/** Each edge that passes through a node other than its own ends, as "edge through node". */
export function edgesThroughNodes(edges: readonly DrawnEdge[], nodes: readonly { id: string; box: Box }[]): string[] {
  const found: string[] = [];
  for (const e of edges) {
    for (const n of nodes) {
      if (n.id === e.source || n.id === e.target) continue;
      for (let i = 0; i + 3 < e.points.length; i += 2) {
        if (segmentCrosses(e.points[i], e.points[i + 1], e.points[i + 2], e.points[i + 3], n.box)) {
          found.push(`${e.id} through ${n.id}`);
          break;
        }
      }
    }
  }
  return found;
}

/** Every pair of boxes that overlap, as "a over b". */
export function overlappingPairs(boxes: readonly { id: string; box: Box }[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i].box, boxes[j].box)) found.push(`${boxes[i].id} over ${boxes[j].id}`);
  }
  return found;
}
