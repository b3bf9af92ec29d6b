import { isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import type { OffsetEdit } from '../text/types';
import type { Fix } from './types';

/** Builders for the minimal text edits behind quick fixes. */

export function replaceNode(node: Node, newText: string, title: string): Fix | undefined {
  const r = node.range;
  return r ? { title, edits: [{ start: r[0], end: r[1], newText }] } : undefined;
}

/** The edit that writes a string value as a quoted YAML string. */
export function quoteNode(node: Node, value: string, title: string): Fix | undefined {
  return replaceNode(node, JSON.stringify(value), title);
}

/**
 * Adds `key: value` entries at the start of a map, before its current first key, so the new lines take that
 * key's indentation without having to compute it.
 */
export function insertFirstKey(map: YAMLMap, entries: Readonly<Record<string, string>>, text: string, title: string): Fix | undefined {
  const first = map.items[0]?.key as Node | undefined;
  const at = first?.range?.[0];
  if (at === undefined || !isMap(map)) return undefined;
  const pairs = Object.entries(entries).map(([k, v]) => `${k}: ${v}`);
  if (map.flow) return { title, edits: [{ start: at, end: at, newText: pairs.map((p) => `${p}, `).join('') }] };
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lead = text.slice(lineStart, at);
  // Only `  ` and `- ` may precede a block key on its line; anything else is a layout we do not rewrite.
  if (!/^[ -]*$/.test(lead)) return undefined;
  const edit: OffsetEdit = { start: at, end: at, newText: pairs.map((p) => `${p}\n${' '.repeat(lead.length)}`).join('') };
  return { title, edits: [edit] };
}

/**
 * Removes a `key: value` line from a block map. Only when the pair has its own lines (nothing but
 * indentation before the key, nothing but a comment after the value); other layouts get no fix.
 */
export function removePair(pair: Pair, text: string, title: string): Fix | undefined {
  const keyStart = (pair.key as Node | null)?.range?.[0];
  const valueEnd = (pair.value as Node | null)?.range?.[2] ?? (pair.key as Node | null)?.range?.[2];
  if (keyStart === undefined || valueEnd === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, keyStart))) return undefined;
  const nl = text.indexOf('\n', valueEnd);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  if (!/^[ \t]*(#.*)?\r?\n?$/.test(text.slice(valueEnd, lineEnd))) return undefined;
  return { title, edits: [{ start: lineStart, end: lineEnd, newText: '' }] };
}
