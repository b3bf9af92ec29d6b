import { isMap, isPair, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { OffsetEdit } from '../text/types';
import { breakBefore, lineStartOf, nextLineStart, startsLine } from '../yaml/layout';
import { InjectionEditError } from './editError';

type Entry = Pair<unknown, unknown> | Node;

export interface DeleteContext {
  readonly text: string;
  readonly subject: string;
}

/**
 * Deletes some entries (pairs of a map, items of a sequence) of one collection as minimal edits: whole lines in a
 * block collection, the entries and their separators in a flow one. Comments on other lines stay.
 */
export function deleteEntries(ctx: DeleteContext, collection: YAMLMap | YAMLSeq, entries: readonly Entry[]): OffsetEdit[] {
  if (!entries.length) return [];
  const items = collection.items as Entry[];
  const ranges = collection.flow ? flowRanges(items, new Set(entries)) : entries.map((e) => blockRange(ctx, e, isMap(collection)));
  return merged(ranges).map(([start, end]) => ({ start, end, newText: '' }));
}

function startOf(entry: Entry): number {
  return (isPair(entry) ? (entry.key as Node | null)?.range?.[0] : entry.range?.[0]) ?? 0;
}

function endOf(entry: Entry): number {
  if (!isPair(entry)) return entry.range?.[1] ?? 0;
  return (entry.value as Node | null)?.range?.[1] ?? (entry.key as Node | null)?.range?.[1] ?? 0;
}

/** The lines of one block entry: from its key (or its `-`) to the end of its value. */
function blockRange(ctx: DeleteContext, entry: Entry, inMap: boolean): [number, number] {
  const first = inMap ? startOf(entry) : dashOf(ctx, entry);
  if (!startsLine(ctx.text, first)) throw new InjectionEditError(`${ctx.subject}: an entry to remove does not start its own line, so its line cannot be removed`, first);
  const valueEnd = endOf(entry);
  const end = breakBefore(ctx.text, valueEnd) > 0 ? valueEnd : nextLineStart(ctx.text, valueEnd);
  let start = lineStartOf(ctx.text, first);
  // The last line of a file without a final line break takes the break before it instead.
  if (end === ctx.text.length && breakBefore(ctx.text, end) === 0) start -= breakBefore(ctx.text, start);
  return [start, end];
}

/** The `-` of a block sequence item: the first non-blank character before the item's content. */
function dashOf(ctx: DeleteContext, entry: Entry): number {
  let i = startOf(entry) - 1;
  while (i >= 0 && ' \t\r\n'.includes(ctx.text[i])) i--;
  if (ctx.text[i] !== '-') throw new InjectionEditError(`${ctx.subject}: cannot find the '-' of a list item to remove`, startOf(entry));
  return i;
}

/** Each run of deleted flow entries with one separator: the one before it, or after it when the run comes first. */
function flowRanges(items: readonly Entry[], deleted: ReadonlySet<Entry>): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < items.length; i++) {
    if (!deleted.has(items[i])) continue;
    let j = i;
    while (j + 1 < items.length && deleted.has(items[j + 1])) j++;
    if (i > 0) ranges.push([endOf(items[i - 1]), endOf(items[j])]);
    else if (j + 1 < items.length) ranges.push([startOf(items[0]), startOf(items[j + 1])]);
    else ranges.push([startOf(items[0]), endOf(items[j])]);
    i = j;
  }
  return ranges;
}

/** Joins touching or overlapping ranges, so the edits never overlap. */
function merged(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([...r]);
  }
  return out;
}
