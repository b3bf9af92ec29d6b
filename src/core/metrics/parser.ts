/**
 * Parser for the Prometheus text exposition format (version 0.0.4), as served by Linkerd proxies on /metrics.
 *
 * Speed matters because the proxy source re-parses every meshed pod's exposition on each refresh, so the
 * scanner works on char codes and slices instead of regular expressions or per-character state objects.
 * A bad line never aborts the parse: it is skipped and reported with its line and column.
 */
import { labelsKey, type Labels } from './labels';

export type { Labels } from './labels';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
  /** Milliseconds since the epoch, when the exposition gave one. */
  readonly timestamp?: number;
}

export interface Bucket {
  /** Upper bound (`le`), Infinity for the `+Inf` bucket. */
  readonly le: number;
  /** Cumulative count of observations at or below `le`. */
  readonly count: number;
}

/** One histogram series: its `_bucket`, `_sum` and `_count` lines gathered under the labels they share. */
export interface HistogramSeries {
  readonly labels: Labels;
  readonly buckets: Bucket[];
  /** NaN when the exposition had no `_sum` / `_count` line for this series. */
  sum: number;
  count: number;
}

export interface MetricFamily {
  readonly name: string;
  type: MetricType;
  help?: string;
  /** Every series of a non-histogram family; a summary's `_sum` and `_count` lines keep their full names here. */
  readonly samples: Sample[];
  /** The series of a histogram family. */
  readonly histograms: HistogramSeries[];
}

export interface ParseError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface Exposition {
  readonly families: MetricFamily[];
  readonly errors: ParseError[];
}

const TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
// Series of a histogram or summary carry these suffixes but belong to the family named without them.
const SUFFIXES: readonly string[] = ['_bucket', '_sum', '_count'];

const SPACE = 32, TAB = 9, HASH = 35, LBRACE = 123, RBRACE = 125, EQ = 61, QUOTE = 34, COMMA = 44, BACKSLASH = 92, CR = 13;

class LineError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

function isNameStart(c: number, allowColon: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (allowColon && c === 58);
}

function isNameChar(c: number, allowColon: boolean): boolean {
  return isNameStart(c, allowColon) || (c >= 48 && c <= 57);
}

/** Reads a metric or label name starting at `i`; returns the index just past it. */
function scanName(text: string, i: number, end: number, allowColon: boolean): number {
  if (i >= end || !isNameStart(text.charCodeAt(i), allowColon)) throw new LineError(i, allowColon ? 'expected a metric name' : 'expected a label name');
  i++;
  while (i < end && isNameChar(text.charCodeAt(i), allowColon)) i++;
  return i;
}

function skipBlanks(text: string, i: number, end: number): number {
  let c: number;
  while (i < end && ((c = text.charCodeAt(i)) === SPACE || c === TAB)) i++;
  return i;
}

function skipToken(text: string, i: number, end: number): number {
  let c: number;
  while (i < end && (c = text.charCodeAt(i)) !== SPACE && c !== TAB) i++;
  return i;
}

function unescape(raw: string, allowQuote: boolean): string {
  return raw.replace(/\\(.)/g, (whole, ch: string) => (ch === 'n' ? '\n' : ch === '\\' ? '\\' : allowQuote && ch === '"' ? '"' : whole));
}

/**
 * A float as Prometheus writes it (Go's ParseFloat), including the NaN/Inf spellings that Number() rejects;
 * undefined if it is not a number. Also the format of sample values in Prometheus's HTTP API.
 */
export function parsePromFloat(token: string): number | undefined {
  const n = Number(token);
  if (n === n && token.length > 0) return n;
  switch (token.toLowerCase()) {
    case 'nan': return NaN;
    case '+inf': case 'inf': case '+infinity': return Infinity;
    case '-inf': return -Infinity;
    default: return undefined;
  }
}

function parseNumber(text: string, start: number, stop: number, what: string): number {
  const n = parsePromFloat(text.slice(start, stop));
  if (n === undefined) throw new LineError(start, `invalid ${what} "${text.slice(start, stop)}"`);
  return n;
}

class ExpositionParser {
  private readonly families = new Map<string, MetricFamily>();
  private readonly ordered: MetricFamily[] = [];
  private readonly errors: ParseError[] = [];
  private readonly seriesByFamily = new Map<MetricFamily, Map<string, HistogramSeries>>();
  // Consecutive samples nearly always share a series name; remembering the last lookup skips the map.
  private lastName = '';
  private lastFamily: MetricFamily | undefined;
  // Position of the next backslash, cached so that searching for escapes stays linear in the text size.
  private nextBackslash = -1;

  // The current line's labels, kept between lines: neighbours mostly repeat the same keys and values in the
  // same order, so each position first tries the previous line's string, which saves an allocation.
  private readonly keys: string[] = [];
  private readonly values: string[] = [];
  // Where each label's value ends, as an offset from the opening brace: equal text means equal offsets, so
  // entries a repeated prefix skipped stay valid.
  private readonly valueEnds: number[] = [];
  private count = 0;
  // Positions whose value differs from the previous line's.
  private readonly changed: number[] = [];
  // The previous line's label text before its last label, and whether this line repeated it.
  private prefix = '';
  private repeatedPrefix = false;
  // The previous line's labels object, when it matches the previous line's keys and values exactly;
  // cloning it and overwriting what changed is much cheaper than building an object afresh.
  private template: Labels | undefined;
  private candidate: Labels | undefined;
  private sameKeys = false;
  // The line before's label count, and whether this line's labels repeat its first `count` labels exactly.
  private previousCount = 0;
  private unchanged = false;
  // The histogram series the previous line belonged to, so the next line of that series can join it directly.
  private openSeries: { family: MetricFamily; series: HistogramSeries; afterBucket: boolean } | undefined;

  constructor(private readonly text: string) {}

  parse(): Exposition {
    const text = this.text;
    const length = text.length;
    let pos = 0;
    let lineNo = 0;
    while (pos < length) {
      lineNo++;
      let end = text.indexOf('\n', pos);
      if (end < 0) end = length;
      const next = end + 1;
      if (end > pos && text.charCodeAt(end - 1) === CR) end--;
      const start = skipBlanks(text, pos, end);
      if (start < end) {
        try {
          if (text.charCodeAt(start) === HASH) this.comment(start + 1, end);
          else this.sample(start, end);
        } catch (e) {
          if (!(e instanceof LineError)) throw e;
          this.errors.push({ line: lineNo, column: e.offset - pos + 1, message: e.message });
        }
      }
      pos = next;
    }
    return { families: this.ordered, errors: this.errors };
  }

  private backslashFrom(i: number): number {
    if (this.nextBackslash < i) {
      const found = this.text.indexOf('\\', i);
      this.nextBackslash = found < 0 ? Infinity : found;
    }
    return this.nextBackslash;
  }

  private family(name: string): MetricFamily {
    let family = this.families.get(name);
    if (!family) {
      family = { name, type: 'untyped', samples: [], histograms: [] };
      this.families.set(name, family);
      this.ordered.push(family);
    }
    return family;
  }

  private comment(i: number, end: number): void {
    const text = this.text;
    i = skipBlanks(text, i, end);
    const isHelp = text.startsWith('HELP', i);
    if (!isHelp && !text.startsWith('TYPE', i)) return;
    i += 4;
    const afterKeyword = i;
    i = skipBlanks(text, i, end);
    if (i === afterKeyword) return;
    const nameEnd = scanName(text, i, end, true);
    const name = text.slice(i, nameEnd);
    i = skipBlanks(text, nameEnd, end);
    if (isHelp) {
      this.family(name).help = unescape(text.slice(i, end), false);
      return;
    }
    const type = text.slice(i, end).trimEnd();
    if (!TYPES.has(type)) throw new LineError(i, `unknown metric type "${type}"`);
    const family = this.family(name);
    if (family.samples.length > 0 || family.histograms.length > 0) throw new LineError(i, `TYPE for ${name} comes after its samples`);
    family.type = type as MetricType;
    this.lastName = '';
  }

  private familyOf(name: string): MetricFamily {
    if (name === this.lastName && this.lastFamily) return this.lastFamily;
    let family = this.families.get(name);
    if (!family || family.type === 'untyped') {
      for (const suffix of SUFFIXES) {
        if (!name.endsWith(suffix)) continue;
        const base = this.families.get(name.slice(0, -suffix.length));
        if (base && (base.type === 'histogram' || base.type === 'summary')) family = base;
        break;
      }
    }
    family ??= this.family(name);
    this.lastName = name;
    this.lastFamily = family;
    return family;
  }

  private sample(start: number, end: number): void {
    const text = this.text;
    const continuing = this.openSeries;
    this.openSeries = undefined;
    const nameEnd = scanName(text, start, end, true);
    const name = text.slice(start, nameEnd);
    let i = skipBlanks(text, nameEnd, end);
    if (i < end && text.charCodeAt(i) === LBRACE) {
      i = skipBlanks(text, this.labels(i + 1, end), end);
    } else {
      this.previousCount = this.count;
      this.count = 0;
      this.unchanged = true;
      this.prefix = '';
      this.repeatedPrefix = false;
      this.template = this.candidate = undefined;
    }
    if (i === nameEnd || i >= end) throw new LineError(i, 'expected a value after the series name');
    const stop = skipToken(text, i, end);
    const value = parseNumber(text, i, stop, 'value');
    i = skipBlanks(text, stop, end);
    let timestamp: number | undefined;
    if (i < end) {
      const tsEnd = skipToken(text, i, end);
      timestamp = parseNumber(text, i, tsEnd, 'timestamp');
      if (!Number.isInteger(timestamp)) throw new LineError(i, 'timestamp must be an integer of milliseconds');
      if (skipBlanks(text, tsEnd, end) < end) throw new LineError(tsEnd, 'unexpected text after the timestamp');
    }
    const family = this.familyOf(name);
    if (family.type === 'histogram') {
      this.histogramSample(family, name, value, continuing, start);
    } else {
      const labels = this.materialize();
      family.samples.push(timestamp === undefined ? { name, labels, value } : { name, labels, value, timestamp });
    }
  }

  private histogramSample(family: MetricFamily, name: string, value: number, continuing: ExpositionParser['openSeries'], start: number): void {
    const suffix = name.slice(family.name.length);
    if (suffix === '_bucket') {
      const leAt = this.keys.lastIndexOf('le', this.count - 1);
      if (leAt < 0) throw new LineError(start, `histogram bucket ${name} has no le label`);
      const le = parsePromFloat(this.values[leAt]);
      if (le === undefined) throw new LineError(start, `invalid le "${this.values[leAt]}"`);
      // The common layout puts `le` last; then a repeated prefix proves this bucket continues the last series.
      const series = continuing?.family === family && this.repeatedPrefix && leAt === this.count - 1 ? continuing.series : this.seriesFor(family, 'le');
      series.buckets.push({ le, count: value });
      this.openSeries = { family, series, afterBucket: true };
      return;
    }
    if (suffix !== '_sum' && suffix !== '_count') throw new LineError(start, `${name} is not a _bucket, _sum or _count series of histogram ${family.name}`);
    const series = this.continuedSeries(family, continuing) ?? this.seriesFor(family);
    if (suffix === '_sum') series.sum = value;
    else series.count = value;
    this.openSeries = { family, series, afterBucket: false };
  }

  /**
   * The previous line's series when this `_sum`/`_count` line has the same labels: those of the bucket before
   * without its trailing `le`, or those of the `_sum`/`_count` before. Saves the lookup by canonical key.
   */
  private continuedSeries(family: MetricFamily, continuing: ExpositionParser['openSeries']): HistogramSeries | undefined {
    if (continuing?.family !== family || !this.unchanged) return undefined;
    if (!continuing.afterBucket) return this.count === this.previousCount ? continuing.series : undefined;
    return this.count === this.previousCount - 1 && this.keys[this.count] === 'le' ? continuing.series : undefined;
  }

  private seriesFor(family: MetricFamily, omit?: string): HistogramSeries {
    const labels = this.materialize(omit);
    const key = labelsKey(labels);
    let index = this.seriesByFamily.get(family);
    if (!index) this.seriesByFamily.set(family, (index = new Map()));
    let series = index.get(key);
    if (!series) {
      series = { labels, buckets: [], sum: NaN, count: NaN };
      index.set(key, series);
      family.histograms.push(series);
    }
    return series;
  }

  /** The current line's labels as an object, optionally without one label. */
  private materialize(omit?: string): Labels {
    const { keys, values, count } = this;
    let labels: Labels;
    if (omit === undefined && this.sameKeys && this.candidate) {
      labels = { ...this.candidate };
      for (const k of this.changed) labels[keys[k]] = values[k];
    } else {
      labels = {};
      for (let k = 0; k < count; k++) if (keys[k] !== omit) labels[keys[k]] = values[k];
    }
    // Only an object holding exactly this line's labels can serve as the next line's template.
    this.template = omit === undefined ? labels : undefined;
    return labels;
  }

  /** Reads `name="value",...}` into `keys`/`values`; returns the index just past the closing brace. */
  private labels(i: number, end: number): number {
    const text = this.text;
    const { keys, values, changed, valueEnds } = this;
    const previousCount = this.count;
    const prefix = this.prefix;
    // Cleared until the line parses fully, so a bad line can never leave a half-updated state to reuse.
    this.candidate = this.template;
    this.template = undefined;
    this.prefix = '';
    this.repeatedPrefix = false;
    this.unchanged = false;
    changed.length = 0;
    let sameKeys = true;
    const first = i;
    let k = 0;
    // Comparing two slices with === runs as one native memory compare; startsWith or a charCodeAt loop measured
    // several times slower here. Histogram buckets repeat everything but `le`, so this skips most of each line.
    // The prefix ends just after a closing quote, so a `_sum` line (where `}` follows) matches it as well as a bucket.
    const repeated = prefix.length > 0 && text.slice(i, i + prefix.length) === prefix;
    if (repeated) {
      i = this.separator(i + prefix.length, end);
      k = previousCount - 1;
    }
    for (; ; k++) {
      i = skipBlanks(text, i, end);
      if (i < end && text.charCodeAt(i) === RBRACE) {
        this.count = k;
        this.previousCount = previousCount;
        this.unchanged = sameKeys && changed.length === 0;
        this.sameKeys = sameKeys && k === previousCount;
        this.repeatedPrefix = repeated && k === previousCount;
        this.prefix = k > 1 ? text.slice(first, first + valueEnds[k - 2]) : '';
        return i + 1;
      }
      let key = keys[k];
      let nameEnd: number;
      if (key !== undefined && text.startsWith(key, i) && text.charCodeAt(i + key.length) === EQ) {
        nameEnd = i + key.length;
      } else {
        nameEnd = scanName(text, i, end, false);
        key = keys[k] = text.slice(i, nameEnd);
        sameKeys = false;
      }
      i = skipBlanks(text, nameEnd, end);
      if (text.charCodeAt(i) !== EQ) throw new LineError(i, `expected "=" after label ${key}`);
      i = skipBlanks(text, i + 1, end);
      if (text.charCodeAt(i) !== QUOTE) throw new LineError(i, `expected a quoted value for label ${key}`);
      const valueStart = i + 1;
      let close = text.indexOf('"', valueStart);
      if (close < 0 || close >= end) throw new LineError(i, `unterminated value for label ${key}`);
      // Only values containing a backslash need the slow path that finds the unescaped closing quote.
      if (this.backslashFrom(valueStart) < close) {
        close = valueStart;
        for (;;) {
          if (close >= end) throw new LineError(i, `unterminated value for label ${key}`);
          const c = text.charCodeAt(close);
          if (c === BACKSLASH) close += 2;
          else if (c === QUOTE) break;
          else close++;
        }
        values[k] = unescape(text.slice(valueStart, close), true);
        changed.push(k);
      } else {
        const last = values[k];
        if (last === undefined || last.length !== close - valueStart || !text.startsWith(last, valueStart)) {
          values[k] = text.slice(valueStart, close);
          changed.push(k);
        }
      }
      valueEnds[k] = close + 1 - first;
      i = this.separator(close + 1, end);
    }
  }

  /** Skips the `,` after a label value, if any; the closing `}` is left for the caller. */
  private separator(i: number, end: number): number {
    i = skipBlanks(this.text, i, end);
    const c = this.text.charCodeAt(i);
    if (c === COMMA) return i + 1;
    if (c !== RBRACE) throw new LineError(i, 'expected "," or "}" after a label value');
    return i;
  }
}

/** Parses a whole exposition. Never throws on malformed input; see `errors`. */
export function parseExposition(text: string): Exposition {
  return new ExpositionParser(text).parse();
}
