/**
 * The last 15 minutes of traffic numbers per edge and per workload, for the Live Traffic view's sparklines.
 *
 * Bounded by construction: a ring of at most MAX_FRAMES frames (one per poll, or one per FRAME_FLOOR_MS bucket
 * when polls come faster), and per series one Float32Array of frames × fields. A series that has had no value
 * for 15 minutes is dropped; a poll of another context starts over. The host keeps one, fed by the one traffic
 * reader; each page keeps a copy, started from the host's (`toState`) and fed the same polls, so a poll costs
 * no history message. Free of `vscode` and of the DOM: the host and the page run this same code.
 */
import { HISTORY_FIELDS, type HistoryState, type TrafficSnapshot } from '../../shared/trafficProtocol';

export const HISTORY_MS = 15 * 60 * 1000;
/** One point per 10 s at most, viz Prometheus's scrape interval: finer would not show in a sparkline, only cost memory. */
export const MAX_FRAMES = 90;
const FRAME_FLOOR_MS = HISTORY_MS / MAX_FRAMES;
const WIDTH = HISTORY_FIELDS.length;

/** How far apart a history's frames are when polls come every `intervalSeconds`: never finer than FRAME_FLOOR_MS. */
export function frameSeconds(intervalSeconds: number): number {
  return Math.max(intervalSeconds * 1000, FRAME_FLOOR_MS) / 1000;
}

/** One frame's numbers by history key (see snapshotValues). */
export type FrameValues = ReadonlyMap<string, readonly [number, number, number]>;

/** One series, oldest first, within 15 minutes of the latest frame; NaN where there was no value. */
export interface Series {
  readonly times: readonly number[];
  readonly rps: readonly number[];
  readonly success: readonly number[];
  readonly p99: readonly number[];
}

export const edgeKey = (id: string) => `e\n${id}`;
export const nodeKey = (id: string) => `n\n${id}`;

export class TrafficHistory {
  private current = '';
  private readonly frameMs: number;
  private readonly capacity: number;
  private readonly times: Float64Array;
  /** Frames recorded since the start: frame n is in slot n % capacity. */
  private frames = 0;
  private readonly series = new Map<string, { values: Float32Array; lastFrame: number }>();
  private merges = 0;

  constructor(readonly intervalSeconds: number) {
    this.frameMs = frameSeconds(intervalSeconds) * 1000;
    this.capacity = Math.ceil(HISTORY_MS / this.frameMs) + 1;
    this.times = new Float64Array(this.capacity);
  }

  /** The context whose polls this holds ('' before the first). */
  get context(): string {
    return this.current;
  }

  get size(): number {
    return this.series.size;
  }

  /** Counts the times past frames were merged in: a copy fed only the same polls since is out of date. */
  get version(): number {
    return this.merges;
  }

  get latest(): number | undefined {
    return this.frames === 0 ? undefined : this.times[(this.frames - 1) % this.capacity];
  }

  /** The oldest frame still kept: sparklines span from here (at most 15 minutes back) to `latest`. */
  get earliest(): number | undefined {
    const frames = this.keptFrames();
    return frames.length ? this.times[frames[0] % this.capacity] : undefined;
  }

  clear(context = ''): void {
    this.current = context;
    this.frames = 0;
    this.series.clear();
  }

  /**
   * Adds one poll. Another context starts over; a poll not newer than the latest is ignored (the page may get a
   * snapshot its history already holds); a poll in the same frame bucket as the latest replaces it.
   */
  record(context: string, at: number, values: FrameValues): void {
    if (context !== this.current) this.clear(context);
    const latest = this.latest;
    if (latest !== undefined && at <= latest) return;
    const sameFrame = latest !== undefined && Math.floor(at / this.frameMs) === Math.floor(latest / this.frameMs);
    if (!sameFrame) this.frames++;
    const frame = this.frames - 1;
    const slot = frame % this.capacity;
    this.times[slot] = at;
    for (const [key, s] of this.series) {
      if (!values.has(key)) {
        s.values.fill(NaN, slot * WIDTH, slot * WIDTH + WIDTH);
        // Gone for a whole ring (or 15 minutes, across a pause): its history has aged out.
        if (frame - s.lastFrame >= this.capacity || at - this.times[s.lastFrame % this.capacity] > HISTORY_MS) this.series.delete(key);
      }
    }
    for (const [key, v] of values) {
      let s = this.series.get(key);
      if (!s) this.series.set(key, (s = { values: new Float32Array(this.capacity * WIDTH).fill(NaN), lastFrame: frame }));
      s.values.set(v, slot * WIDTH);
      s.lastFrame = frame;
    }
  }

  /**
   * Adds frames from before the polls this holds, as a source that keeps a past (Prometheus) gives them after the
   * first polls: those older than the earliest frame, and in another frame bucket, go before it; the bounds stay
   * (what is beyond 15 minutes of the latest, or a full ring, is not kept). Nothing changes for another context
   * or an empty history. Whether any frame was added.
   */
  mergePast(context: string, past: readonly { readonly at: number; readonly values: FrameValues }[]): boolean {
    const earliest = this.earliest;
    if (context !== this.current || earliest === undefined) return false;
    const bucket = (at: number) => Math.floor(at / this.frameMs);
    const older = past.filter((f) => f.at < earliest && bucket(f.at) !== bucket(earliest)).sort((a, b) => a.at - b.at);
    if (older.length === 0) return false;
    const live = this.toState();
    this.clear(context);
    for (const f of older) this.record(context, f.at, f.values);
    this.replay(live);
    this.merges++;
    return true;
  }

  /** The frames still in the ring and within 15 minutes of the latest, oldest first. */
  private keptFrames(): number[] {
    const latest = this.latest;
    if (latest === undefined) return [];
    const out: number[] = [];
    for (let f = Math.max(0, this.frames - this.capacity); f < this.frames; f++) if (latest - this.times[f % this.capacity] <= HISTORY_MS) out.push(f);
    return out;
  }

  has(key: string): boolean {
    return this.series.has(key);
  }

  get(key: string): Series | undefined {
    const s = this.series.get(key);
    if (!s) return undefined;
    const frames = this.keptFrames();
    const field = (i: number) => frames.map((f) => s.values[(f % this.capacity) * WIDTH + i]);
    return { times: frames.map((f) => this.times[f % this.capacity]), rps: field(0), success: field(1), p99: field(2) };
  }

  toState(): HistoryState {
    const frames = this.keptFrames();
    const keys = [...this.series.keys()];
    const values = new Float32Array(keys.length * frames.length * WIDTH);
    keys.forEach((key, k) => {
      const s = this.series.get(key)!.values;
      frames.forEach((f, i) => values.set(s.subarray((f % this.capacity) * WIDTH, (f % this.capacity) * WIDTH + WIDTH), (k * frames.length + i) * WIDTH));
    });
    return { context: this.current, intervalSeconds: this.intervalSeconds, times: Float64Array.from(frames, (f) => this.times[f % this.capacity]), keys, values };
  }

  /** A history holding `state` (a page's copy of the host's), optionally re-framed for another interval. */
  static fromState(state: HistoryState, intervalSeconds = state.intervalSeconds): TrafficHistory {
    const h = new TrafficHistory(intervalSeconds);
    h.replay(state);
    if (state.times.length === 0) h.clear(state.context);
    return h;
  }

  /** Records the frames of `state`, oldest first. */
  private replay(state: HistoryState): void {
    const n = state.times.length;
    for (let i = 0; i < n; i++) {
      const frame = new Map<string, readonly [number, number, number]>();
      state.keys.forEach((key, k) => {
        const at = (k * n + i) * WIDTH;
        if (!Number.isNaN(state.values[at])) frame.set(key, [state.values[at], state.values[at + 1], state.values[at + 2]]);
      });
      this.record(state.context, state.times[i], frame);
    }
  }
}

/**
 * One poll's numbers by history key: each edge's, and each workload's as its callers add up — requests summed,
 * success weighted by requests, p99 the slowest caller's (the snapshot carries no per-workload histogram).
 */
export function snapshotValues(s: TrafficSnapshot): Map<string, readonly [number, number, number]> {
  const out = new Map<string, readonly [number, number, number]>();
  const nodes = new Map<string, { rps: number; ok: number; weighed: number; p99: number }>();
  for (const e of s.edges) {
    const p99 = e.latencyMs?.p99 ?? NaN;
    out.set(edgeKey(e.id), [e.requestsPerSecond, e.successRate ?? NaN, p99]);
    let n = nodes.get(e.target);
    if (!n) nodes.set(e.target, (n = { rps: 0, ok: 0, weighed: 0, p99: NaN }));
    n.rps += e.requestsPerSecond;
    if (e.successRate !== null && e.requestsPerSecond > 0) {
      n.ok += e.successRate * e.requestsPerSecond;
      n.weighed += e.requestsPerSecond;
    }
    if (!Number.isNaN(p99)) n.p99 = Number.isNaN(n.p99) ? p99 : Math.max(n.p99, p99);
  }
  for (const node of s.nodes) {
    const n = nodes.get(node.id);
    out.set(nodeKey(node.id), n ? [n.rps, n.weighed > 0 ? n.ok / n.weighed : NaN, n.p99] : [0, NaN, NaN]);
  }
  return out;
}

/** Adds a snapshot (a poll) to `history`. */
export function recordSnapshot(history: TrafficHistory, s: TrafficSnapshot): void {
  history.record(s.context, s.updatedAt, snapshotValues(s));
}
