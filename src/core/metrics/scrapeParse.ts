/**
 * Reads one proxy's /metrics as its bytes stream in, keeping only the samples the model uses (SAMPLE_KINDS).
 * Most of a proxy's lines are skipped after comparing their name; a kept line is identified by a hash of its
 * name and labels, so a series seen in the pod's previous scrape costs no label parsing at all. Only a series
 * seen for the first time is decoded and parsed, to find the groups it feeds.
 */
import type { Aggregator } from './aggregate';
import { SAMPLE_KINDS } from './aggregate';
import { LabelScanner } from './labelScanner';
import type { Labels } from './labels';
import { parsePromFloat } from './parser';
import { hashBytes, type SeriesTable, type TablePool } from './seriesTable';

const NEWLINE = 10, CR = 13, SPACE = 32, TAB = 9, HASH = 35, COMMA = 44, LBRACE = 123, RBRACE = 125;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** The kept sample names by their first byte: a line is matched against the few that could begin it. */
const NAMES_BY_FIRST_BYTE: { name: string; bytes: Uint8Array }[][] = [];
for (const name of SAMPLE_KINDS.keys()) {
  const bytes = encoder.encode(name);
  (NAMES_BY_FIRST_BYTE[bytes[0]] ??= []).push({ name, bytes });
}

/** A scrape's samples in the order read, column by column, until it commits. */
class Columns {
  keyA: Int32Array;
  keyB: Int32Array;
  shapes: Int32Array;
  values: Float64Array;
  /** The series' value in the pod's previous scrape; NaN for a series that is new. */
  previous: Float64Array;

  constructor(n: number) {
    this.keyA = new Int32Array(n);
    this.keyB = new Int32Array(n);
    this.shapes = new Int32Array(n);
    this.values = new Float64Array(n);
    this.previous = new Float64Array(n);
  }

  get capacity(): number {
    return this.keyA.length;
  }

  /** Room for n samples, keeping the first `kept`. */
  grow(n: number, kept: number): void {
    const widen = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(n);
      next.set(old.subarray(0, kept));
      return next;
    };
    this.keyA = widen(this.keyA, (k) => new Int32Array(k));
    this.keyB = widen(this.keyB, (k) => new Int32Array(k));
    this.shapes = widen(this.shapes, (k) => new Int32Array(k));
    this.values = widen(this.values, (k) => new Float64Array(k));
    this.previous = widen(this.previous, (k) => new Float64Array(k));
  }
}

/**
 * Columns of committed scrapes, handed to the next ones: as many are in use at once as scrapes are in flight,
 * and without reuse a thousand-pod refresh allocated ~30 MB of them for the garbage collector.
 */
export class ColumnPool {
  private readonly free: Columns[] = [];

  take(n: number): Columns {
    const columns = this.free.pop() ?? new Columns(n);
    if (columns.capacity < n) columns.grow(n, 0);
    return columns;
  }

  give(columns: Columns): void {
    if (this.free.length < 128) this.free.push(columns);
  }
}

/** One scrape in progress: what it read so far, committed only once the whole body has arrived. */
export class ScrapeParse {
  private columns: Columns | undefined;
  private count = 0;
  private carry: Buffer | undefined;
  private readonly hash = new Int32Array(2);
  // The previous line's text up to its last label, and that text's hash: histogram buckets repeat every label
  // but `le`, so most lines hash only their last label after one native compare.
  private prefix = Buffer.alloc(512);
  private prefixLength = -1;
  private readonly prefixHash = new Int32Array(2);
  badLines = 0;

  constructor(
    private readonly aggregator: Aggregator,
    private readonly target: Labels,
    private readonly earlier: SeriesTable | undefined,
    private readonly pool: ColumnPool,
  ) {
    // Sized for as many series as last time, so that a steady proxy never grows them.
    this.columns = pool.take(Math.max(256, earlier?.size ?? 0));
  }

  chunk(data: Uint8Array): void {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let pos = 0;
    if (this.carry) {
      const nl = bytes.indexOf(NEWLINE);
      if (nl < 0) {
        this.carry = Buffer.concat([this.carry, bytes]);
        return;
      }
      const line = Buffer.concat([this.carry, bytes.subarray(0, nl)]);
      this.carry = undefined;
      this.line(line, 0, line.length);
      pos = nl + 1;
    }
    for (;;) {
      const nl = bytes.indexOf(NEWLINE, pos);
      if (nl < 0) break;
      this.line(bytes, pos, nl);
      pos = nl + 1;
    }
    if (pos < bytes.length) this.carry = Buffer.from(bytes.subarray(pos));
  }

  /** The body ended: reads a last line without a newline. */
  end(): void {
    if (this.carry) this.line(this.carry, 0, this.carry.length);
    this.carry = undefined;
  }

  /**
   * Adds this scrape's samples to the aggregator, counters and buckets as increases per second over
   * `seconds` (this pod's own interval since its previous scrape; undefined when there was none, so only
   * gauges count), and returns the table the pod's next scrape compares with.
   */
  commit(seconds: number | undefined, tables: TablePool): SeriesTable {
    const columns = this.columns;
    if (!columns) throw new Error('a scrape commits once');
    this.columns = undefined;
    const { keyA, keyB, shapes, values, previous } = columns;
    const table = tables.take(this.count);
    for (let i = 0; i < this.count; i++) {
      const shape = shapes[i];
      const value = values[i];
      table.set(keyA[i], keyB[i], shape, value);
      if (this.aggregator.shape(shape).kind === 'gauge') {
        this.aggregator.add(shape, value);
      } else if (seconds !== undefined) {
        // A new series grew from zero since the previous scrape; a lower value means the counter was reset.
        const before = previous[i];
        const increase = Number.isNaN(before) || value < before ? value : value - before;
        this.aggregator.add(shape, increase / seconds);
      }
    }
    this.pool.give(columns);
    return table;
  }

  private line(bytes: Buffer, start: number, end: number): void {
    if (end > start && bytes[end - 1] === CR) end--;
    while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
    if (start >= end || bytes[start] === HASH) return;
    const sample = sampleName(bytes, start, end);
    if (sample === undefined) return;
    const nameEnd = start + sample.length; // metric names are ASCII: as many bytes as characters
    // Values and timestamps never hold a brace, so the last one on the line closes the labels.
    const close = bytes[nameEnd] === LBRACE ? bytes.lastIndexOf(RBRACE, end - 1) : nameEnd - 1;
    if (close < nameEnd - 1) return void this.badLines++;
    let v = close + 1;
    while (v < end && (bytes[v] === SPACE || bytes[v] === TAB)) v++;
    let vEnd = v;
    while (vEnd < end && bytes[vEnd] !== SPACE && bytes[vEnd] !== TAB) vEnd++;
    const value = readValue(bytes, v, vEnd);
    if (value === undefined) return void this.badLines++;
    this.hashSeries(bytes, start, close + 1);
    const a = this.hash[0];
    const b = this.hash[1];
    const slot = this.earlier ? this.earlier.find(a, b) : -1;
    let shape: number;
    let before = NaN;
    if (slot >= 0) {
      shape = this.earlier!.shape(slot);
      before = this.earlier!.value(slot);
    } else {
      const labels = bytes[nameEnd] === LBRACE ? parseLabels(decoder.decode(bytes.subarray(nameEnd, close + 1))) : {};
      shape = labels ? this.aggregator.shapeOf(sample, labels, this.target) : -1;
      if (shape < 0) return void this.badLines++;
    }
    this.push(a, b, shape, value, before);
  }

  private hashSeries(bytes: Buffer, start: number, end: number): void {
    const comma = bytes.lastIndexOf(COMMA, end - 1);
    const cut = comma > start ? comma : end;
    const length = cut - start;
    if (length !== this.prefixLength || bytes.compare(this.prefix, 0, length, start, cut) !== 0) {
      hashBytes(bytes, start, cut, this.prefixHash);
      if (this.prefix.length < length) this.prefix = Buffer.alloc(length * 2);
      bytes.copy(this.prefix, 0, start, cut);
      this.prefixLength = length;
    }
    hashBytes(bytes, cut, end, this.hash, this.prefixHash[0], this.prefixHash[1]);
  }

  private push(a: number, b: number, shape: number, value: number, before: number): void {
    const columns = this.columns!;
    if (this.count === columns.capacity) columns.grow(this.count * 2, this.count);
    const i = this.count++;
    columns.keyA[i] = a;
    columns.keyB[i] = b;
    columns.shapes[i] = shape;
    columns.values[i] = value;
    columns.previous[i] = before;
  }
}

/** The kept sample whose name begins the line (followed by its labels, a blank or nothing), if any. */
function sampleName(bytes: Uint8Array, start: number, end: number): string | undefined {
  const candidates = NAMES_BY_FIRST_BYTE[bytes[start]];
  if (candidates === undefined) return undefined;
  outer: for (const { name, bytes: want } of candidates) {
    const nameEnd = start + want.length;
    if (nameEnd > end) continue;
    if (nameEnd < end && bytes[nameEnd] !== LBRACE && bytes[nameEnd] !== SPACE && bytes[nameEnd] !== TAB) continue;
    // From the end: the families a proxy writes share long prefixes (response_latency_ms_bucket, _count, _sum).
    for (let i = want.length - 1; i > 0; i--) if (bytes[start + i] !== want[i]) continue outer;
    return name;
  }
  return undefined;
}

/** A sample value: plain decimal integers (nearly all of a proxy's) straight from the bytes, anything else via Go's float syntax. */
function readValue(bytes: Uint8Array, start: number, end: number): number | undefined {
  if (start >= end) return undefined;
  if (end - start < 16) {
    let n = 0;
    let i = start;
    for (; i < end; i++) {
      const digit = bytes[i] - 48;
      if (digit < 0 || digit > 9) break;
      n = n * 10 + digit;
    }
    if (i === end) return n;
  }
  return parsePromFloat(decoder.decode(bytes.subarray(start, end)));
}

/** `{name="value",...}` as labels; undefined when malformed. */
function parseLabels(text: string): Labels | undefined {
  const scanner = new LabelScanner(text);
  try {
    scanner.scan(1, text.length);
  } catch {
    return undefined;
  }
  return scanner.materialize();
}
