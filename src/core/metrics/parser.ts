/**
 * Parser for the Prometheus text exposition format (version 0.0.4), as served by Linkerd proxies on /metrics.
 *
 * Speed matters because the proxy source re-parses every meshed pod's exposition on each refresh, so the
 * scanner works on char codes and slices instead of regular expressions or per-character state objects.
 * A bad line never aborts the parse: it is skipped and reported with its line and column.
 */
import { LabelScanner } from './labelScanner';
import { labelsKey, type Labels } from './labels';
import { CR, HASH, LBRACE, LineError, scanName, skipBlanks, skipToken, unescape } from './scan';

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

/**
 * A sample value. Counters, gauges of connections and bucket counts are nearly always plain decimal integers,
 * read here straight from the text (exact below 15 digits) without allocating a substring.
 */
function parseValue(text: string, start: number, stop: number): number {
  if (stop - start < 16) {
    let n = 0;
    let i = start;
    for (; i < stop; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      n = n * 10 + digit;
    }
    if (i === stop) return n;
  }
  return parseNumber(text, start, stop, 'value');
}

class ExpositionParser {
  /**
   * V8 discards optimised code built for a hidden class once a full GC finds no object of that class alive.
   * A parser lives for one call, so without this idle instance every parse after a full GC would start cold
   * (measured about 2x slower on the benchmark, which collects garbage before each run).
   */
  static readonly keepsClassesAlive = new ExpositionParser('');

  private readonly families = new Map<string, MetricFamily>();
  private readonly ordered: MetricFamily[] = [];
  private readonly errors: ParseError[] = [];
  private readonly seriesByFamily = new Map<MetricFamily, Map<string, HistogramSeries>>();
  // Consecutive samples nearly always share a series name; remembering the last lookup skips the map.
  private lastName = '';
  private lastFamily: MetricFamily | undefined;
  // The histogram series the previous line belonged to, so the next line of that series can join it directly.
  private openSeries: { family: MetricFamily; series: HistogramSeries; afterBucket: boolean } | undefined;

  private readonly labels: LabelScanner;

  constructor(private readonly text: string) {
    this.labels = new LabelScanner(text);
  }

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
    const last = this.lastName;
    // Reusing the previous line's name string saves an allocation on nearly every line.
    const name = nameEnd - start === last.length && text.startsWith(last, start) ? last : text.slice(start, nameEnd);
    let i = skipBlanks(text, nameEnd, end);
    if (i < end && text.charCodeAt(i) === LBRACE) i = skipBlanks(text, this.labels.scan(i + 1, end), end);
    else this.labels.none();
    if (i === nameEnd || i >= end) throw new LineError(i, 'expected a value after the series name');
    const stop = skipToken(text, i, end);
    const value = parseValue(text, i, stop);
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
      const labels = this.labels.materialize();
      family.samples.push(timestamp === undefined ? { name, labels, value } : { name, labels, value, timestamp });
    }
  }

  private histogramSample(family: MetricFamily, name: string, value: number, continuing: ExpositionParser['openSeries'], start: number): void {
    const suffix = name.slice(family.name.length);
    if (suffix === '_bucket') {
      const { keys, values, count } = this.labels;
      const leAt = keys.lastIndexOf('le', count - 1);
      if (leAt < 0) throw new LineError(start, `histogram bucket ${name} has no le label`);
      const le = parsePromFloat(values[leAt]);
      if (le === undefined) throw new LineError(start, `invalid le "${values[leAt]}"`);
      // The common layout puts `le` last; then a repeated prefix proves this bucket continues the last series.
      const series = continuing?.family === family && this.labels.repeatedPrefix && leAt === count - 1 ? continuing.series : this.seriesFor(family, 'le');
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
    const { count, previousCount, unchanged, keys } = this.labels;
    if (continuing?.family !== family || !unchanged) return undefined;
    if (!continuing.afterBucket) return count === previousCount ? continuing.series : undefined;
    return count === previousCount - 1 && keys[count] === 'le' ? continuing.series : undefined;
  }

  private seriesFor(family: MetricFamily, omit?: string): HistogramSeries {
    const labels = this.labels.materialize(omit);
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

}

/** Parses a whole exposition. Never throws on malformed input; see `errors`. */
export function parseExposition(text: string): Exposition {
  return new ExpositionParser(text).parse();
}
