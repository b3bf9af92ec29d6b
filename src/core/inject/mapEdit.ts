import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { OffsetEdit } from '../text/types';
import { effectivePair } from '../yaml/effective';
import { breakBefore, columnOf, lineEndOf, lineStartOf, startsLine } from '../yaml/layout';
import { keyIs } from '../yaml/manifest';
import { deleteEntries } from './deleteEntries';
import { InjectionEditError } from './editError';

/**
 * Minimal text edits that set or remove one scalar at a key path inside a YAML map, keeping everything
 * else byte for byte: indentation, line breaks, comments, key order and quoting.
 */
export interface EditContext {
  readonly text: string;
  readonly doc: Document;
  readonly eol: string;
  /** The document's indentation step, for keys nested under a new one. */
  readonly step: number;
  /** Anchors that aliases refer to: editing under them would change the copies too. */
  readonly shared: ReadonlySet<string>;
  /** Names the object in messages, e.g. `deployment/web`. */
  readonly subject: string;
}

export type MapNode = YAMLMap<Node, Node | null>;
type MapPair = Pair<Node, Node | null>;

/** Renders the new scalar, given the quote character its neighbours use ('' for plain). */
export type RenderValue = (quote: string) => string;

/** Joins a dotted location for messages. */
function at(where: string, key: string): string {
  return where ? `${where}.${key}` : key;
}

function sharedError(ctx: EditContext, where: string, node: Node): InjectionEditError {
  return new InjectionEditError(
    `${ctx.subject}: ${where || 'the document'} is anchored as &${node.anchor} and reused by an alias elsewhere in this document, so changing it here would change the copies too; edit it by hand or give this object its own copy`,
    node.range?.[0],
  );
}

function aliasError(ctx: EditContext, where: string, node: Node): InjectionEditError {
  return new InjectionEditError(
    `${ctx.subject}: ${where} is an alias (${ctx.text.slice(node.range?.[0], node.range?.[1])}) of a node shared with other places; edit the anchored node by hand or give this object its own copy`,
    node.range?.[0],
  );
}

function checkShared(ctx: EditContext, where: string, node: Node): void {
  if (node.anchor && ctx.shared.has(node.anchor)) throw sharedError(ctx, where, node);
}

/**
 * The map at a path (map keys, and sequence indexes for the items of a List), checking that nothing on the way
 * is shared through an alias. Each key is the pair the API server keeps: the last written, unless a merge supplies it.
 */
export function editableMap(ctx: EditContext, root: Node | null, path: readonly (string | number)[]): MapNode {
  if (!isMap(root)) throw new InjectionEditError(`${ctx.subject}: the document is not a map`);
  checkShared(ctx, '', root);
  let node: Node = root;
  let where = '';
  for (const [i, step] of path.entries()) {
    where = at(where, String(step));
    const value: Node | null | undefined =
      typeof step === 'number' ? (isSeq(node) ? (node.items[step] as Node | undefined) : undefined) : isMap(node) ? writtenPair(ctx, node as MapNode, step, where)?.value : undefined;
    if (isAlias(value)) throw aliasError(ctx, where, value);
    const mayBeList = typeof path[i + 1] === 'number';
    if (!(isMap(value) || (mayBeList && isSeq(value)))) throw new InjectionEditError(`${ctx.subject}: ${where} is missing or not a map`, value?.range?.[0] ?? node.range?.[0]);
    checkShared(ctx, where, value);
    node = value;
  }
  return node as MapNode;
}

/** The map or list under `key` of `map` (undefined when absent or something else), if it can be edited here. */
export function editableChild(ctx: EditContext, map: MapNode, key: string, where: string): MapNode | YAMLSeq | undefined {
  const value = writtenPair(ctx, map, key, where)?.value;
  if (isAlias(value)) throw aliasError(ctx, where, value);
  if (!isMap(value) && !isSeq(value)) return undefined;
  checkShared(ctx, where, value);
  return value as MapNode | YAMLSeq;
}

/**
 * The pair of `map` that gives `key` its value in what the API server receives: the last one written (duplicates
 * are reported elsewhere). A key that a merge (`<<`) supplies is refused: its map is defined elsewhere.
 */
export function writtenPair(ctx: EditContext, map: MapNode, key: string, where: string): MapPair | undefined {
  const pair = effectivePair(ctx.doc, map, key) as MapPair | undefined;
  if (pair && !map.items.includes(pair)) {
    const merge = map.items.find((p) => keyIs(p, '<<'));
    throw new InjectionEditError(
      `${ctx.subject}: ${where} comes from a merge (<<) of a map defined elsewhere, so a '${key}' written here would hide the rest of it; edit it where it is defined, or write it out in this object`,
      merge?.key?.range?.[0],
    );
  }
  return pair;
}

/** The quote character a scalar is written with ('' for plain or anything else). */
function quoteOfScalar(node: unknown): string {
  if (isScalar(node) && node.type === 'QUOTE_DOUBLE') return '"';
  if (isScalar(node) && node.type === 'QUOTE_SINGLE') return "'";
  return '';
}

/** The quote character the map's keys use, so `"key": "value"` (JSON-like) files stay that way. */
function quoteOf(map: MapNode): string {
  return quoteOfScalar(map.items[0]?.key);
}

function isNullNode(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** The offset of the `:` after a key. */
function colonAfter(ctx: EditContext, key: Node, where: string): number {
  let i = key.range?.[1] ?? -1;
  while (i >= 0 && (ctx.text[i] === ' ' || ctx.text[i] === '\t')) i++;
  if (i < 0 || ctx.text[i] !== ':') throw new InjectionEditError(`${ctx.subject}: cannot find the ':' after ${where}`, key.range?.[0]);
  return i;
}

function flowEntry(keys: readonly string[], render: RenderValue, quote: string): string {
  const [key, ...rest] = keys;
  return `${quote}${key}${quote}: ${rest.length ? `{${flowEntry(rest, render, quote)}}` : render(quote)}`;
}

function blockLines(ctx: EditContext, keys: readonly string[], render: RenderValue, quote: string, indent: number): string {
  const last = keys.length - 1;
  return keys
    .map((key, i) => `${' '.repeat(indent + i * ctx.step)}${quote}${key}${quote}:${i === last ? ` ${render(quote)}` : ''}`)
    .join(ctx.eol);
}

/** Adds `keys` (nested maps ending in the scalar) as a new first entry of a map. */
function insertEntry(ctx: EditContext, map: MapNode, where: string, keys: readonly string[], render: RenderValue): OffsetEdit {
  const quote = quoteOf(map);
  if (map.flow) {
    const open = map.range?.[0] ?? -1;
    if (ctx.text[open] !== '{') throw new InjectionEditError(`${ctx.subject}: cannot find the '{' of ${where}`, open);
    const first = map.items[0]?.key?.range?.[0];
    const entry = flowEntry(keys, render, quote);
    return first === undefined ? { start: open + 1, end: open + 1, newText: entry } : { start: first, end: first, newText: `${entry}, ` };
  }
  const first = map.items[0]?.key?.range?.[0];
  if (first === undefined || !startsLine(ctx.text, first)) {
    throw new InjectionEditError(`${ctx.subject}: the first key of ${where || 'the document'} does not start its own line, so no line can be added before it`, first);
  }
  const indent = columnOf(ctx.text, first);
  const start = aboveLeadingComments(ctx.text, lineStartOf(ctx.text, first), indent);
  return { start, end: start, newText: blockLines(ctx, keys, render, quote, indent) + ctx.eol };
}

/** Moves a line start up over the comment lines just above it at the same indentation: they belong to that key. */
function aboveLeadingComments(text: string, lineStart: number, indent: number): number {
  let start = lineStart;
  while (start > 0) {
    const previous = lineStartOf(text, start - breakBefore(text, start));
    const line = text.slice(previous, start);
    if (line.length - line.trimStart().length !== indent || line[indent] !== '#') break;
    start = previous;
  }
  return start;
}

/** Turns a null value (`key:`, `key: ~`, `key: !!null`) into a map holding `keys`. */
function fillNull(ctx: EditContext, map: MapNode, pair: MapPair, where: string, keys: readonly string[], render: RenderValue): OffsetEdit {
  const key = pair.key;
  const value = pair.value;
  const quote = quoteOf(map);
  if (value?.anchor) checkShared(ctx, where, value);
  if (map.flow) {
    const body = `{${flowEntry(keys, render, quote)}}`;
    if (!value?.range) return { start: key.range?.[1] ?? 0, end: key.range?.[1] ?? 0, newText: `: ${body}` };
    return { start: colonAfter(ctx, key, where) + 1, end: value.range[1], newText: ` ${body}` };
  }
  const colon = colonAfter(ctx, key, where);
  const end = value?.range?.[1] ?? colon + 1;
  const lineEnd = lineEndOf(ctx.text, end);
  const block = ctx.eol + blockLines(ctx, keys, render, quote, columnOf(ctx.text, key.range?.[0] ?? 0) + ctx.step);
  // An empty value keeps its line (and any comment on it) untouched; `~`, `null` or a tag are dropped.
  const empty = !value || (value.range?.[0] === value.range?.[1] && !value.tag && !value.anchor);
  if (empty) return { start: lineEnd, end: lineEnd, newText: block };
  return { start: colon + 1, end: lineEnd, newText: ctx.text.slice(end, lineEnd) + block };
}

/** Replaces an existing value with the new scalar, in the quoting the old one used. */
function replaceValue(ctx: EditContext, pair: MapPair, where: string, render: RenderValue): OffsetEdit {
  const value = pair.value;
  if (isAlias(value)) return { start: value.range?.[0] ?? 0, end: value.range?.[1] ?? 0, newText: render('') };
  if (value && !isScalar(value)) throw new InjectionEditError(`${ctx.subject}: ${where} is a collection, not a value`, value.range?.[0]);
  if (value) checkShared(ctx, where, value);
  if (value?.range && value.range[0] < value.range[1] && !value.tag) {
    const [start, end] = value.range;
    const block = isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED');
    return { start, end: block ? end - breakBefore(ctx.text, end) : end, newText: render(quoteOfScalar(value)) };
  }
  if (!value) return { start: pair.key.range?.[1] ?? 0, end: pair.key.range?.[1] ?? 0, newText: `: ${render('')}` };
  // An empty or tagged value: write the scalar right after the colon.
  const colon = colonAfter(ctx, pair.key, where);
  const end = value.range?.[1] ?? colon + 1;
  const spacer = ctx.text[end] === '#' ? ' ' : '';
  return { start: colon + 1, end, newText: ` ${render('')}${spacer}` };
}

/** Sets the scalar at `keys` under `host`, creating the maps on the way. */
export function upsertScalar(ctx: EditContext, host: MapNode, hostWhere: string, keys: readonly string[], render: RenderValue): OffsetEdit {
  let map = host;
  let where = hostWhere;
  for (const [i, key] of keys.entries()) {
    const keyWhere = at(where, key);
    const pair = writtenPair(ctx, map, key, keyWhere);
    // No merge supplies the key either (writtenPair refuses that), so a new first entry hides nothing.
    if (!pair) return insertEntry(ctx, map, where, keys.slice(i), render);
    if (i === keys.length - 1) return replaceValue(ctx, pair, keyWhere, render);
    const value = pair.value;
    if (isAlias(value)) throw aliasError(ctx, keyWhere, value);
    if (isNullNode(value)) return fillNull(ctx, map, pair, keyWhere, keys.slice(i + 1), render);
    if (!isMap(value)) throw new InjectionEditError(`${ctx.subject}: ${keyWhere} is not a map`, value?.range?.[0]);
    checkShared(ctx, keyWhere, value);
    map = value as MapNode;
    where = keyWhere;
  }
  throw new RangeError('upsertScalar needs at least one key');
}

/**
 * Removes the scalar at `keys` under `host`, every written copy of its key (an earlier duplicate would come
 * back otherwise); nothing when it is absent. Maps the removal leaves empty go too when they are block maps whose
 * lines hold nothing else, or flow maps nested in flow maps, so removing what `upsertScalar` created restores the
 * text exactly; an empty flow map the user wrote (`annotations: {}`) stays.
 */
export function removeScalar(ctx: EditContext, host: MapNode, hostWhere: string, keys: readonly string[]): OffsetEdit[] {
  const chain: { map: MapNode; pair: MapPair }[] = [];
  let map = host;
  let where = hostWhere;
  for (const [i, key] of keys.entries()) {
    const keyWhere = at(where, key);
    const pair = writtenPair(ctx, map, key, keyWhere);
    if (!pair) return [];
    chain.push({ map, pair });
    const value = pair.value;
    if (isAlias(value)) {
      if (i === keys.length - 1) break;
      throw aliasError(ctx, keyWhere, value);
    }
    if (value) checkShared(ctx, keyWhere, value);
    if (i === keys.length - 1) break;
    if (!isMap(value)) return [];
    map = value as MapNode;
    where = keyWhere;
  }
  const leaf = chain[chain.length - 1];
  const copies = leaf.map.items.filter((p) => keyIs(p, keys[keys.length - 1]));
  let level = chain.length - 1;
  while (level > 0 && prunable(ctx, chain[level - 1], chain[level].map, level === chain.length - 1 ? copies.length : 1, chain.length - level - 1 + copies.length)) level--;
  return level < chain.length - 1 ? deleteEntries(ctx, chain[level].map, [chain[level].pair]) : deleteEntries(ctx, leaf.map, copies);
}

/**
 * True when `map`, the value of `owner.pair`, should go with its key once its `removed` entries (all it has) are
 * removed: a block map whose key and entries take exactly the `lines` being removed (no comment or blank line to
 * lose), or a flow map inside a flow map.
 */
function prunable(ctx: EditContext, owner: { map: MapNode; pair: MapPair }, map: MapNode, removed: number, lines: number): boolean {
  if (map.items.length !== removed) return false;
  if (map.flow) return !!owner.map.flow;
  const span = ctx.text.slice(lineStartOf(ctx.text, owner.pair.key.range?.[0] ?? 0), map.range?.[1] ?? 0);
  return span.split('\n').length - (span.endsWith('\n') ? 1 : 0) === lines + 1 && !span.includes('#');
}
