import { isScalar, type Node } from 'yaml';
import { closest } from './suggest';
import type { Fix } from './types';

/** A name that is probably a typo of an existing one: the sentence that says so, and the rename. */
export interface NearMiss {
  readonly name: string;
  /** Appended to a finding's message, here so the editor and the CLI say the same. */
  readonly hint: string;
  readonly fix: Fix | undefined;
}

/**
 * The closest of `candidates` to the name written at `node`, within the small edit distance of `closest`,
 * with a fix that rewrites only the characters that differ (the quotes and the rest of the line stay).
 */
export function nearMiss(node: Node, text: string, written: string, candidates: Iterable<string>): NearMiss | undefined {
  const name = closest(written, [...candidates].filter((c) => c !== written));
  if (name === undefined) return undefined;
  return { name, hint: ` Did you mean '${name}'?`, fix: renameFix(node, text, written, name) };
}

function renameFix(node: Node, text: string, written: string, name: string): Fix | undefined {
  const r = node.range;
  if (!r || !isScalar(node)) return undefined;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const [start, end] = quoted ? [r[0] + 1, r[1] - 1] : [r[0], r[1]];
  // Escapes or folding make the source differ from the value: then the whole value is rewritten.
  if (text.slice(start, end) !== written) return { title: `Change to '${name}'`, edits: [{ start: r[0], end: r[1], newText: JSON.stringify(name) }] };
  let head = 0;
  while (head < written.length && head < name.length && written[head] === name[head]) head++;
  let tail = 0;
  while (tail < written.length - head && tail < name.length - head && written[written.length - 1 - tail] === name[name.length - 1 - tail]) tail++;
  return { title: `Change to '${name}'`, edits: [{ start: start + head, end: end - tail, newText: name.slice(head, name.length - tail) }] };
}
