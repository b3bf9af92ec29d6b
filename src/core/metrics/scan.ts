/** Character-level pieces shared by the exposition parser and its label scanner. */

export const SPACE = 32, TAB = 9, HASH = 35, LBRACE = 123, RBRACE = 125, EQ = 61, QUOTE = 34, COMMA = 44, BACKSLASH = 92, CR = 13;

/** A problem on the current line, at `offset` in the text; the parser turns it into a located error and skips the line. */
export class LineError extends Error {
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
export function scanName(text: string, i: number, end: number, allowColon: boolean): number {
  if (i >= end || !isNameStart(text.charCodeAt(i), allowColon)) throw new LineError(i, allowColon ? 'expected a metric name' : 'expected a label name');
  i++;
  while (i < end && isNameChar(text.charCodeAt(i), allowColon)) i++;
  return i;
}

export function skipBlanks(text: string, i: number, end: number): number {
  let c: number;
  while (i < end && ((c = text.charCodeAt(i)) === SPACE || c === TAB)) i++;
  return i;
}

export function skipToken(text: string, i: number, end: number): number {
  let c: number;
  while (i < end && (c = text.charCodeAt(i)) !== SPACE && c !== TAB) i++;
  return i;
}

export function unescape(raw: string, allowQuote: boolean): string {
  return raw.replace(/\\(.)/g, (whole, ch: string) => (ch === 'n' ? '\n' : ch === '\\' ? '\\' : allowQuote && ch === '"' ? '"' : whole));
}
