/**
 * Reads the `{name="value",...}` part of sample lines. It keeps the current line's labels between lines:
 * neighbouring series mostly repeat the same keys and values in the same order, so it first tries the previous
 * line's strings, skips a repeated run of labels with one compare, and clones the previous labels object
 * instead of building one afresh. Each saves allocations, which is most of a parser's cost.
 */
import { BACKSLASH, COMMA, EQ, LineError, QUOTE, RBRACE, scanName, skipBlanks, unescape } from './scan';
import type { Labels } from './labels';

export class LabelScanner {
  // Position of the next backslash, cached so that searching for escapes stays linear in the text size.
  // -Infinity (not searched yet) and Infinity (none left) keep the field a double from the start: a field
  // that switched from small integer to double would move instances to a new hidden class mid-parse.
  private nextBackslash = -Infinity;

  // The current line's labels, for the parser to read (it never writes them). Entries past `count` still hold
  // earlier lines' labels: that is how the parser sees the `le` that a `_sum` line lacks.
  readonly keys: string[] = [];
  readonly values: string[] = [];
  // Where each label's value ends, as an offset from the opening brace: equal text means equal offsets, so
  // entries a repeated prefix skipped stay valid.
  private readonly valueEnds: number[] = [];
  count = 0;
  // Positions whose value differs from the previous line's.
  private readonly changed: number[] = [];
  // The previous line's label text before its last label, and whether this line repeated it.
  private prefix = '';
  repeatedPrefix = false;
  // The previous line's labels object, when it matches the previous line's keys and values exactly;
  // cloning it and overwriting what changed is much cheaper than building an object afresh.
  private template: Labels | undefined;
  private candidate: Labels | undefined;
  private sameKeys = false;
  // The line before's label count, and whether this line's labels repeat its first `count` labels exactly.
  previousCount = 0;
  unchanged = false;

  constructor(private readonly text: string) {}

  private backslashFrom(i: number): number {
    if (this.nextBackslash < i) {
      const found = this.text.indexOf('\\', i);
      this.nextBackslash = found < 0 ? Infinity : found;
    }
    return this.nextBackslash;
  }

  /** Records a line without labels. */
  none(): void {
    this.previousCount = this.count;
    this.count = 0;
    this.unchanged = true;
    this.prefix = '';
    this.repeatedPrefix = false;
    this.template = this.candidate = undefined;
  }

  /** The current line's labels as an object, optionally without one label. */
  materialize(omit?: string): Labels {
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
  scan(i: number, end: number): number {
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
        // As a property name it would set the object's prototype instead of adding a label.
        if (key === '__proto__') throw new LineError(i, 'label name __proto__ is not supported');
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
