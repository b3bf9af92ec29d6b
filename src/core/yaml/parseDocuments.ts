import { Composer, Parser, parseAllDocuments, YAMLParseError, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * Deeper than any manifest (CRD schemas reach about 40 levels) and far below where the `yaml` composer's
 * recursion overflows the stack: about 780 levels of unclosed `[` on Node 20. There its error is "Maximum call
 * stack size exceeded", and on a long-running process V8 can even abort while compiling a regular expression
 * at that depth, which would take the whole extension host down.
 */
export const MAX_NESTING = 256;

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * Every document of a YAML stream, as `parseAllDocuments` gives them, except that a document nested deeper
 * than MAX_NESTING is never composed: it comes back empty, with one error "nesting deeper than N levels" at the
 * first place it goes deeper. Files that cannot nest that deep (the usual case) cost one scan of the text more.
 */
export function parseDocuments(text: string, options: Options): Document.Parsed[] {
  if (!mayNestDeeply(text)) {
    const docs = parseAllDocuments(text, options);
    return Array.isArray(docs) ? docs : [];
  }
  const composer = new Composer(options);
  const slots: ({ readonly tooDeep: CST.Document; readonly at: number; end: number } | undefined)[] = [];
  const composed: Document.Parsed[] = [];
  for (const token of new Parser().parse(text)) {
    const last = slots.at(-1);
    if (last && last.end < 0) last.end = token.offset;
    if (token.type !== 'document') {
      composed.push(...composer.next(token));
      continue;
    }
    const at = deeperThanLimitAt(token);
    if (at === undefined) composed.push(...composer.next(token));
    slots.push(at === undefined ? undefined : { tooDeep: token, at, end: -1 });
  }
  composed.push(...composer.end(slots.length === 0, text.length));
  let next = 0;
  const docs = slots.map((slot) => (slot ? emptyDocument(slot.tooDeep.offset, slot.at, slot.end < 0 ? text.length : slot.end, options) : composed[next++]));
  return docs.concat(composed.slice(next));
}

/**
 * A cheap upper bound on the nesting depth: flow brackets can nest no deeper than there are opening ones, and
 * block collections no deeper than the indentation and `- `/`? ` indicators that start a line. Only when it
 * exceeds the limit is the nesting measured on the parse tree.
 */
function mayNestDeeply(text: string): boolean {
  let brackets = 0;
  let lead = 0;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      atStart = true;
      lead = 0;
    } else if (atStart && (c === 32 || c === 9 || c === 45 || c === 63)) {
      if (++lead > MAX_NESTING) return true;
    } else {
      atStart = false;
      if ((c === 91 || c === 123) && ++brackets > MAX_NESTING) return true;
    }
  }
  return false;
}

/** The offset where a document's collections first nest deeper than the limit, walked without recursion. */
function deeperThanLimitAt(document: CST.Document): number | undefined {
  const stack: { token: CST.Token | undefined; depth: number }[] = [{ token: document.value, depth: 0 }];
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    if (!token || !('items' in token)) continue;
    if (depth + 1 > MAX_NESTING) return token.offset;
    for (const item of token.items) {
      const entry = item as { key?: CST.Token | null; value?: CST.Token };
      if (entry.key) stack.push({ token: entry.key, depth: depth + 1 });
      stack.push({ token: entry.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Stands in for a document too deep to compose: no contents, its range, and the error. */
function emptyDocument(start: number, at: number, end: number, options: Options): Document.Parsed {
  const [doc] = new Composer(options).compose([], true, start);
  doc.range = [start, start, end];
  doc.errors.push(new YAMLParseError([at, at + 1], 'RESOURCE_EXHAUSTION', `Nesting deeper than ${MAX_NESTING} levels; no manifest is this deep, so this document is not read`));
  return doc;
}
