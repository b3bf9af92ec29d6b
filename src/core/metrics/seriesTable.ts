/**
 * One proxy's series between two scrapes: the last value of each, and what it feeds (a shape id), keyed by a
 * 64-bit hash of the series' text (name and labels exactly as the proxy wrote them). Typed arrays with open
 * addressing: a thousand pods of a few hundred series each cost a few megabytes, not a million objects.
 */

const EMPTY = -1;

export class SeriesTable {
  private keyA: Int32Array;
  private keyB: Int32Array;
  private values: Float64Array;
  private shapes: Int32Array;
  private count = 0;

  constructor(expected = 64) {
    const capacity = capacityFor(expected);
    this.keyA = new Int32Array(capacity);
    this.keyB = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
    this.shapes = new Int32Array(capacity).fill(EMPTY);
  }

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return this.shapes.length;
  }

  /** Empties the table for reuse, keeping its arrays: a refresh reuses the tables of the one before. */
  clear(): void {
    this.shapes.fill(EMPTY);
    this.count = 0;
  }

  /** The slot holding this series, or -1. */
  find(a: number, b: number): number {
    const mask = this.shapes.length - 1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      if (this.shapes[i] === EMPTY) return -1;
      if (this.keyA[i] === a && this.keyB[i] === b) return i;
    }
  }

  value(slot: number): number {
    return this.values[slot];
  }

  shape(slot: number): number {
    return this.shapes[slot];
  }

  /** Adds or overwrites a series. `shape` must not be -1. */
  set(a: number, b: number, shape: number, value: number): void {
    if ((this.count + 1) * 4 > this.shapes.length * 3) this.grow();
    const mask = this.shapes.length - 1;
    let i = a & mask;
    while (this.shapes[i] !== EMPTY && !(this.keyA[i] === a && this.keyB[i] === b)) i = (i + 1) & mask;
    if (this.shapes[i] === EMPTY) this.count++;
    this.keyA[i] = a;
    this.keyB[i] = b;
    this.shapes[i] = shape;
    this.values[i] = value;
  }

  private grow(): void {
    const { keyA, keyB, values, shapes } = this;
    const capacity = shapes.length * 2;
    this.keyA = new Int32Array(capacity);
    this.keyB = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
    this.shapes = new Int32Array(capacity).fill(EMPTY);
    this.count = 0;
    for (let i = 0; i < shapes.length; i++) if (shapes[i] !== EMPTY) this.set(keyA[i], keyB[i], shapes[i], values[i]);
  }
}

/**
 * Tables no pod holds any more, handed to the next pod's scrape: after the first refresh, a refresh allocates
 * almost no memory (garbage collection had been the largest cost of reading a thousand proxies).
 */
export class TablePool {
  private readonly free: SeriesTable[] = [];

  take(expected: number): SeriesTable {
    const want = capacityFor(expected);
    const i = this.free.findIndex((t) => t.capacity >= want && t.capacity <= want * 2);
    if (i < 0) return new SeriesTable(expected);
    const table = this.free.splice(i, 1)[0];
    table.clear();
    return table;
  }

  give(table: SeriesTable): void {
    if (this.free.length < 256) this.free.push(table);
  }
}

function capacityFor(n: number): number {
  let c = 16;
  while (c * 3 < n * 4) c *= 2;
  return c;
}

/**
 * Two independent 32-bit hashes (FNV-1a and a multiply-rotate mix) of bytes [start, end), together the key of a
 * series. Pods are keyed apart, so a collision would need two series of one proxy to share 64 bits. Four bytes
 * per step: a series' text is ~500 bytes, and hashing it byte by byte was a fifth of the parser's time.
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number, out: Int32Array, seedA = 0x811c9dc5 | 0, seedB = 0x9747b28c | 0): void {
  // Seeds continue a hash: a series' key is its last label's hash seeded with the hash of the text before it.
  let a = seedA;
  let b = seedB;
  let i = start;
  for (const stop = end - 3; i < stop; i += 4) {
    const w = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    a = Math.imul(a ^ w, 16777619);
    b = Math.imul((b ^ w) + 0x5bd1e995, 0x27d4eb2d);
    b ^= b >>> 15;
  }
  for (; i < end; i++) {
    const c = bytes[i];
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul((b ^ c) + 0x5bd1e995, 0x27d4eb2d);
    b ^= b >>> 15;
  }
  // A multiply carries bits only upwards; the table's slot is the low bits of `a`, so they are mixed with the high ones.
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  out[0] = a;
  out[1] = b;
}
