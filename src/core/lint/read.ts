import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { deref, nodeAt, pairOf, scalarText, valueNode } from '../yaml/manifest';

/** Small readers over YAML nodes that rules share. */

/** The items of a list at a path (aliases followed); empty when absent or not a list. */
export function listAt(doc: Document, from: Node | null | undefined, path: readonly (string | number)[]): Node[] {
  const seq = nodeAt(doc, from, path);
  if (!isSeq(seq)) return [];
  return seq.items.map((i) => deref(doc, i)).filter((n): n is Node => n !== undefined);
}

/** The key node of a field, where findings about the field as a whole point. */
export function keyOf(doc: Document, from: Node | null | undefined, path: readonly (string | number)[]): Node | undefined {
  const parent = path.length > 1 ? nodeAt(doc, from, path.slice(0, -1)) : deref(doc, from);
  const last = path[path.length - 1];
  return isMap(parent) && typeof last === 'string' ? (pairOf(parent, last)?.key as Node | undefined) : undefined;
}

/** A reference to another object as written (`group`, `kind`, `name`, `namespace`), with its nodes. */
export interface Ref {
  readonly node: Node;
  readonly group: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly port: Node | undefined;
  readonly kindNode: Node | undefined;
  readonly nameNode: Node | undefined;
}

export function readRef(doc: Document, node: Node): Ref {
  const at = (k: string) => nodeAt(doc, node, [k]);
  return {
    node,
    group: scalarText(at('group')) ?? (isScalar(at('group')) ? '' : undefined),
    kind: scalarText(at('kind')),
    name: scalarText(at('name')),
    namespace: scalarText(at('namespace')),
    port: at('port'),
    kindNode: at('kind'),
    nameNode: at('name'),
  };
}

/** The group as the policy controller compares it: absent, empty and `core` all mean the core group. */
export function normalGroup(group: string | undefined, fallback = ''): string {
  if (group === undefined) return fallback;
  const g = group.toLowerCase();
  return g === 'core' ? '' : g;
}

/** Whether a reference names a kind, comparing group and kind case-insensitively as Linkerd does. */
export function refIs(ref: Ref, group: string, kind: string, defaultGroup = ''): boolean {
  return normalGroup(ref.group, defaultGroup) === group && ref.kind?.toLowerCase() === kind.toLowerCase();
}

/** `Kind.group`, or `Kind` for the core group: how the webhook names kinds in its messages. */
export function canonicalKind(ref: Ref, defaultGroup = ''): string {
  const g = normalGroup(ref.group, defaultGroup);
  return g ? `${ref.kind ?? '?'}.${g}` : (ref.kind ?? '?');
}

/** The map at `metadata.annotations` of the object at `host`. */
export function annotationsOf(doc: Document, host: Node | null | undefined): YAMLMap<Node, Node | null> | undefined {
  const m = nodeAt(doc, host, ['metadata', 'annotations']);
  return isMap(m) ? (m as YAMLMap<Node, Node | null>) : undefined;
}

/** One annotation of the object at `host`, as the API server receives the map. */
export function annotationOf(doc: Document, host: Node | null | undefined, key: string): Node | undefined {
  const map = annotationsOf(doc, host);
  return map ? valueNode(doc, map, key) : undefined;
}

/** A map of strings at a path (labels, matchLabels), skipping entries that are not scalars. */
export function stringMapAt(doc: Document, from: Node | null | undefined, path: readonly (string | number)[]): Map<string, string> {
  const out = new Map<string, string>();
  const map = nodeAt(doc, from, path);
  if (!isMap(map)) return out;
  for (const pair of map.items) {
    const k = scalarText(pair.key);
    const v = scalarText(deref(doc, pair.value));
    if (k !== undefined && v !== undefined) out.set(k, v);
  }
  return out;
}
