/**
 * Coordinates for ordered items: ranks become columns as wide as their widest item, and inside each band every
 * item moves toward the items it is linked to (a straight edge where the order allows it) without changing
 * the order or coming closer than a fixed gap to its neighbour.
 */
import type { Item, Layers } from './order';

export interface Placement {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Each rank's centre and width. */
  readonly columns: readonly { readonly center: number; readonly width: number }[];
  /** Each band's extent, top to bottom, in order. */
  readonly bands: readonly { readonly top: number; readonly height: number }[];
}

export interface Spacing {
  /** Between neighbouring ranks. */
  readonly rank: number;
  /** Above the items of a framed band: room for its name. */
  readonly bandTop: number;
  readonly bandBottom: number;
  readonly bandGap: number;
}

const ITEM_GAP = 10;
const BEND_GAP = 6;
/** Rounds of moving items toward their links; a big graph gets fewer. */
const roundsFor = (items: number) => (items > 3000 ? 2 : 6);

export function place(items: readonly Item[], layers: Layers, bandOrder: readonly number[], framed: readonly boolean[], spacing: Spacing): Placement {
  const x = new Float64Array(items.length);
  const columns: { center: number; width: number }[] = [];
  let right = 0;
  for (const layer of layers) {
    const width = layer.reduce((w, it) => Math.max(w, items[it].width), 0);
    const center = columns.length === 0 ? width / 2 : right + spacing.rank + width / 2;
    columns.push({ center, width });
    right = center + width / 2;
    for (const it of layer) x[it] = center;
  }

  // Each band's run of items in each rank, in order.
  const runs: number[][][] = bandOrder.map(() => layers.map(() => []));
  const slot = new Int32Array(framed.length);
  bandOrder.forEach((b, i) => (slot[b] = i));
  layers.forEach((layer, r) => layer.forEach((it) => runs[slot[items[it].band]][r].push(it)));

  const y = new Float64Array(items.length);
  const bands: { top: number; height: number }[] = [];
  let top = 0;
  runs.forEach((band, i) => {
    const extent = placeBand(items, band, y);
    const pad = framed[bandOrder[i]] ? spacing.bandTop : spacing.bandBottom;
    for (const run of band) for (const it of run) y[it] += top + pad - extent.top;
    const height = pad + extent.height + spacing.bandBottom;
    bands.push({ top, height });
    top += height + spacing.bandGap;
  });
  return { x, y, columns, bands };
}

function gap(a: Item, b: Item): number {
  return (a.height + b.height) / 2 + (a.kind === 'bend' || b.kind === 'bend' ? BEND_GAP : ITEM_GAP);
}

/** Places one band's items (y relative to the band); returns the band's top and height. */
function placeBand(items: readonly Item[], runs: number[][], y: Float64Array): { top: number; height: number } {
  const band = items[runs.find((r) => r.length)?.[0] ?? 0]?.band;
  const inBand = (linked: readonly number[]) => linked.filter((l) => items[l].band === band);
  const up = new Map<number, number[]>();
  const down = new Map<number, number[]>();
  let longest = 0;
  for (const run of runs) {
    let at = 0;
    run.forEach((it, i) => {
      at = i === 0 ? 0 : at + gap(items[run[i - 1]], items[it]);
      y[it] = at;
      up.set(it, inBand(items[it].up));
      down.set(it, inBand(items[it].down));
    });
    for (const it of run) y[it] -= at / 2;
    longest = Math.max(longest, run.length);
  }
  const at = new Float64Array(longest);
  const weight = new Float64Array(longest);
  const gaps = new Float64Array(longest);
  const rounds = roundsFor(items.length);
  for (let round = 0; round <= 2 * rounds; round++) {
    const downward = round % 2 === 0;
    const both = round === 2 * rounds;
    for (let k = 0; k < runs.length; k++) {
      const run = runs[downward ? k : runs.length - 1 - k];
      run.forEach((it, i) => {
        let sum = 0;
        const linked = both ? [...up.get(it)!, ...down.get(it)!] : downward ? up.get(it)! : down.get(it)!;
        for (const l of linked) sum += y[l];
        const n = linked.length;
        // A long edge's bend points pull harder, so long edges run straight; an unlinked item barely holds its place.
        at[i] = n ? sum / n : y[it];
        weight[i] = n ? (items[it].kind === 'bend' ? 4 : 1) : 0.25;
        gaps[i] = i === 0 ? 0 : gap(items[run[i - 1]], items[it]);
      });
      spaced(at, weight, gaps, run.length);
      run.forEach((it, i) => (y[it] = at[i]));
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const run of runs) {
    for (const it of run) {
      lo = Math.min(lo, y[it] - items[it].height / 2);
      hi = Math.max(hi, y[it] + items[it].height / 2);
    }
  }
  return Number.isFinite(lo) ? { top: lo, height: hi - lo } : { top: 0, height: 0 };
}

let scratch = { offset: new Float64Array(64), w: new Float64Array(64), wt: new Float64Array(64), size: new Int32Array(64) };

/**
 * Moves the first `n` wanted positions in `at` (in place) to the closest ones (least weighted squares) that keep
 * their order and at least `gaps[i]` between item i-1 and item i: isotonic regression by pooling adjacent violators.
 */
export function spaced(at: Float64Array, weight: Float64Array, gaps: Float64Array, n: number): void {
  // With item i shifted up by the gaps before it, the constraint is only that the shifted values do not decrease.
  if (scratch.offset.length < n) scratch = { offset: new Float64Array(n), w: new Float64Array(n), wt: new Float64Array(n), size: new Int32Array(n) };
  const { offset, w, wt, size } = scratch;
  offset[0] = 0;
  for (let i = 1; i < n; i++) offset[i] = offset[i - 1] + gaps[i];
  let blocks = 0;
  for (let i = 0; i < n; i++) {
    w[blocks] = weight[i];
    wt[blocks] = weight[i] * (at[i] - offset[i]);
    size[blocks] = 1;
    blocks++;
    while (blocks > 1 && wt[blocks - 2] / w[blocks - 2] > wt[blocks - 1] / w[blocks - 1]) {
      w[blocks - 2] += w[blocks - 1];
      wt[blocks - 2] += wt[blocks - 1];
      size[blocks - 2] += size[blocks - 1];
      blocks--;
    }
  }
  let i = 0;
  for (let b = 0; b < blocks; b++) for (let k = 0; k < size[b]; k++, i++) at[i] = wt[b] / w[b] + offset[i];
}
