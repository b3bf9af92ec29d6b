/**
 * Crossing minimisation: the order of items (nodes, edge labels and the bend points of long edges) inside each
 * rank. Items of one band (namespace) stay together, bands in one order across all ranks, so every namespace
 * is a lane; inside a lane, layer-by-layer barycentre sweeps, keeping the order with the fewest crossings.
 */

/** A workload (or folded namespace), an edge's label, or a point a long edge bends through. */
export type ItemKind = 'node' | 'label' | 'bend';

export interface Item {
  readonly kind: ItemKind;
  readonly rank: number;
  readonly band: number;
  readonly width: number;
  readonly height: number;
  /** Items linked in the rank before and after. */
  readonly up: number[];
  readonly down: number[];
  /** Where the item was before (or a guess): the starting order. */
  readonly seed: number;
}

/** Every rank's items in order, as indices into `items`. */
export type Layers = number[][];

/** Sweeps up and down; fewer for a big graph, where each sweep costs more and the picture is a summary anyway. */
function sweepsFor(items: number): number {
  return items > 3000 ? 4 : items > 600 ? 8 : 24;
}

/** Above this many items the sweeps run without counting crossings after each: the count costs more than a sweep. */
const COUNTED_UP_TO = 3000;

export function orderItems(items: readonly Item[], ranks: number): Layers {
  const layers: Layers = Array.from({ length: ranks }, () => []);
  items.forEach((it, i) => layers[it.rank].push(i));
  const band = Int32Array.from(items, (it) => it.band);
  for (const layer of layers) layer.sort((a, b) => band[a] - band[b] || items[a].seed - items[b].seed || a - b);
  const pos = new Float64Array(items.length);
  const bary = new Float64Array(items.length);
  for (const layer of layers) layer.forEach((it, i) => (pos[it] = i));
  const counted = items.length <= COUNTED_UP_TO;
  let best = layers.map((l) => [...l]);
  let bestCrossings = counted ? crossings(items, layers, pos) : Infinity;
  let stale = 0;
  for (let sweep = 0; sweep < sweepsFor(items.length) && bestCrossings > 0 && stale < 4; sweep++) {
    const down = sweep % 2 === 0;
    for (let k = 1; k < ranks; k++) {
      const r = down ? k : ranks - 1 - k;
      const layer = layers[r];
      const other = layers[down ? r - 1 : r + 1].length;
      const scale = layer.length > 1 ? other / layer.length : 1;
      for (const it of layer) {
        const linked = down ? items[it].up : items[it].down;
        let sum = 0;
        for (const n of linked) sum += pos[n];
        bary[it] = linked.length ? sum / linked.length : pos[it] * scale;
      }
      layer.sort((a, b) => band[a] - band[b] || bary[a] - bary[b] || pos[a] - pos[b]);
      layer.forEach((it, i) => (pos[it] = i));
    }
    if (!counted) {
      best = layers;
      continue;
    }
    const c = crossings(items, layers, pos);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = layers.map((l) => [...l]);
      stale = 0;
    } else stale++;
  }
  return best;
}

/**
 * Edge crossings between every pair of neighbouring ranks (Barth, Jünger and Mutzel's accumulator tree). Links
 * that skip ranks (a layout without bend points) are not counted.
 */
export function crossings(items: readonly Item[], layers: Layers, pos: Float64Array): number {
  let total = 0;
  for (let r = 0; r + 1 < layers.length; r++) {
    // Each link as one number, upper position major, so a typed sort orders them without allocating.
    const width = layers[r + 1].length;
    let n = 0;
    for (const it of layers[r]) n += items[it].down.length;
    const pairs = new Float64Array(n);
    n = 0;
    for (const it of layers[r]) for (const d of items[it].down) if (items[d].rank === r + 1) pairs[n++] = pos[it] * width + pos[d];
    const counted = pairs.subarray(0, n).sort();
    let first = 1;
    while (first < layers[r + 1].length) first *= 2;
    const tree = new Int32Array(2 * first);
    for (const pair of counted) {
      let i = (pair % width) + first;
      tree[i]++;
      while (i > 1) {
        if (i % 2 === 0) total += tree[i + 1];
        i = Math.floor(i / 2);
        tree[i]++;
      }
    }
  }
  return total;
}
