/**
 * Checks on raw text before it is parsed, so hostile or accidental input gets a clear message instead of a
 * stack overflow deep in the parser or pages of mojibake: binary content, and nesting no manifest needs.
 */

/** Kubernetes objects nest a few dozen levels; the YAML parser overflows its stack somewhere past 700. */
export const MAX_NESTING = 256;

/**
 * Whether the text is not a text file: a NUL, or many control characters or U+FFFD (the replacement for
 * bytes that are not UTF-8) early on.
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 8192);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.05;
}

/**
 * The offset where the text first nests deeper than `limit` levels of flow brackets and block indentation
 * (or sequence dashes), or undefined. An estimate that never undercounts what the parser recurses on:
 * quoted strings, comments and block scalars are skipped.
 */
export function nestingTooDeep(text: string, limit = MAX_NESTING): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let scalarIndent = -1;
  let pos = 0;
  while (pos < text.length) {
    const end = nextBreak(text, pos);
    const line = text.slice(pos, end);
    const indent = line.length - line.trimStart().length;
    const content = line.trimStart();
    if (scalarIndent >= 0 && (content === '' || indent > scalarIndent)) {
      pos = end + 1;
      continue;
    }
    scalarIndent = -1;
    if (content !== '' && !content.startsWith('#') && flow === 0) {
      if (/^(---|\.\.\.)(\s|$)/.test(content)) indents.length = 0;
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      const dashes = /^(-\s+)+/.exec(content)?.[0].split('-').length ?? 1;
      if (indents.length + dashes - 1 > limit) return pos + indent;
    }
    const scan = scanFlow(text, pos + indent, end, flow, limit - indents.length);
    if (scan.tooDeepAt !== undefined) return scan.tooDeepAt;
    flow = scan.depth;
    if (flow === 0 && /(^|[\s:-])[|>][-+0-9]*\s*(#.*)?$/.test(content)) scalarIndent = indent;
    pos = end + 1;
  }
  return undefined;
}

function nextBreak(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

/** Follows `[`/`{` nesting along one line, outside quotes and comments. */
function scanFlow(text: string, from: number, to: number, depth: number, room: number): { depth: number; tooDeepAt?: number } {
  let quote = '';
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = '';
      continue;
    }
    if (c === '#' && (i === from || /\s/.test(text[i - 1]))) break;
    if ((c === '"' || c === "'") && (i === from || /[\s,[{:]/.test(text[i - 1]))) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > room) return { depth, tooDeepAt: i };
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return { depth };
}
