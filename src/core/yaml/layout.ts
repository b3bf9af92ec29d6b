import { isMap, visit, type Document, type Node } from 'yaml';

/** Offset of the first character of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Offset of the line break (or end of text) that ends the line holding `offset`. */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset just after the line break that ends the line holding `offset` (the end of text on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEndOf(text, offset);
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end < text.length ? end + 1 : end;
}

/** The width of the line break just before `offset` (0 at the start of the text). */
export function breakBefore(text: string, offset: number): number {
  if (offset >= 2 && text[offset - 2] === '\r' && text[offset - 1] === '\n') return 2;
  return offset >= 1 && (text[offset - 1] === '\n' || text[offset - 1] === '\r') ? 1 : 0;
}

/** True when only spaces precede `offset` on its line: a block map key can be given a sibling line there. */
export function startsLine(text: string, offset: number): boolean {
  for (let i = lineStartOf(text, offset); i < offset; i++) if (text[i] !== ' ') return false;
  return true;
}

/** The column (in characters) of an offset. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/**
 * The document's indentation step: how far the first nested block map is indented past its key.
 * New nested keys use it, so an edit in a 4-space file stays 4-space. Defaults to 2.
 */
export function indentStep(doc: Document, text: string): number {
  let step = 0;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isMap(value) || value.flow || !key?.range || !value.range) return undefined;
      const delta = columnOf(text, value.range[0]) - columnOf(text, key.range[0]);
      if (delta > 0 && startsLine(text, key.range[0])) {
        step = delta;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return step || 2;
}

/** Names of the anchors that some alias in the document refers to: editing such a node changes every copy. */
export function aliasedAnchors(doc: Document): Set<string> {
  const names = new Set<string>();
  visit(doc, {
    Alias(_, alias) {
      names.add(alias.source);
    },
  });
  return names;
}

