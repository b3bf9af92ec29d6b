import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/**
 * Maps as the API server receives them. kubectl turns YAML into JSON with go-yaml v2 (sigs.k8s.io/yaml),
 * which applies a map's pairs in order: a repeated key overwrites the earlier one, and a `<<` merge key
 * writes the entries of the map it names at its own position (for a list of maps, earlier maps win).
 * Checked against sigs.k8s.io/yaml's YAMLToJSON: `{two: 3, <<: *b}` with `b: {two: 2}` yields `two: 2`.
 */

export type MapPair = Pair<Node, Node | null>;

/** Merges chain through aliases; an alias that merges its own ancestor would otherwise never end. */
const MAX_MERGE_DEPTH = 16;

/** Whether a key is YAML's merge key: a plain `<<` (or one tagged `!!merge`); a quoted '<<' is an ordinary key. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && (key.type === 'PLAIN' || key.tag === 'tag:yaml.org,2002:merge');
}

/** A key as the JSON object key it becomes (scalars only; a map or list as a key has no JSON form). */
export function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function resolve(doc: Document, node: unknown): Node | undefined {
  const target = isAlias(node) ? node.resolve(doc) : node;
  return isAlias(target) ? undefined : (target as Node | undefined);
}

/** The pair that supplies `key` in what the API server receives: the last one written, merges included. */
export function effectivePair(doc: Document, map: YAMLMap, key: string, depth = 0): MapPair | undefined {
  let found: MapPair | undefined;
  for (const item of map.items) {
    if (isMergeKey(item.key)) found = mergedPair(doc, item.value, key, depth) ?? found;
    else if (keyText(item.key) === key) found = item as MapPair;
  }
  return found;
}

function mergedPair(doc: Document, value: unknown, key: string, depth: number): MapPair | undefined {
  if (depth >= MAX_MERGE_DEPTH) return undefined;
  const source = resolve(doc, value);
  if (isMap(source)) return effectivePair(doc, source, key, depth + 1);
  if (!isSeq(source)) return undefined;
  for (const item of source.items) {
    const map = resolve(doc, item);
    const pair = isMap(map) ? effectivePair(doc, map, key, depth + 1) : undefined;
    if (pair) return pair;
  }
  return undefined;
}

/** Every key the API server receives from a map, with the pair that supplies it, in first-written order. */
export function effectiveEntries(doc: Document, map: YAMLMap, depth = 0): Map<string, MapPair> {
  const out = new Map<string, MapPair>();
  for (const item of map.items) {
    if (isMergeKey(item.key)) {
      for (const [k, p] of mergedEntries(doc, item.value, depth)) out.set(k, p);
      continue;
    }
    const k = keyText(item.key);
    if (k !== undefined) out.set(k, item as MapPair);
  }
  return out;
}

function mergedEntries(doc: Document, value: unknown, depth: number): Map<string, MapPair> {
  if (depth >= MAX_MERGE_DEPTH) return new Map();
  const source = resolve(doc, value);
  if (isMap(source)) return effectiveEntries(doc, source, depth + 1);
  const out = new Map<string, MapPair>();
  if (!isSeq(source)) return out;
  // Earlier maps of a merge list win: apply them last.
  for (const item of [...source.items].reverse()) {
    const map = resolve(doc, item);
    if (isMap(map)) for (const [k, p] of effectiveEntries(doc, map, depth + 1)) out.set(k, p);
  }
  return out;
}

/** Pairs written in a map that a later pair with the same key overwrites (merge keys aside), each with its successor. */
export function overwrittenPairs(map: YAMLMap): { readonly lost: MapPair; readonly by: MapPair }[] {
  if (map.items.length < 2 || !hasRepeatedKey(map)) return [];
  const last = new Map<string, MapPair>();
  const out: { lost: MapPair; by: MapPair }[] = [];
  for (let i = map.items.length - 1; i >= 0; i--) {
    const item = map.items[i] as MapPair;
    const k = isMergeKey(item.key) ? undefined : keyText(item.key);
    if (k === undefined) continue;
    const later = last.get(k);
    if (later) out.push({ lost: item, by: later });
    last.set(k, item);
  }
  return out.reverse();
}

/** The common case, checked without building a map: no key is written twice. */
function hasRepeatedKey(map: YAMLMap): boolean {
  const items = map.items;
  for (let i = 1; i < items.length; i++) {
    const k = keyText(items[i].key);
    if (k === undefined || k === '<<') continue;
    for (let j = 0; j < i; j++) if (keyText(items[j].key) === k) return true;
  }
  return false;
}
