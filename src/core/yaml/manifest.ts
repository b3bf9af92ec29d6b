import { Document, isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import { effectivePair } from './effective';
import { parseDocuments } from './parseDocuments';
import { isTemplatedDocument } from './template';

/** A YAML syntax problem, located by offsets into the file. */
export interface SyntaxProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** One `---`-separated document of a manifest file, with the identity of the Kubernetes object it holds. */
export interface ManifestDocument {
  readonly index: number;
  readonly doc: Document.Parsed;
  /** Offsets of the document's content in the file (from its first key to the end of its content); lenses go above `start`'s line. */
  readonly start: number;
  readonly end: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  /** Offsets of the `kind:` value, where a code lens or a diagnostic about the whole object anchors. */
  readonly anchorStart: number;
  readonly anchorEnd: number;
  readonly errors: readonly SyntaxProblem[];
  /**
   * Template syntax (Helm, Go templates, Jinja) makes this document not Kubernetes YAML until rendered: it then
   * names no object and reports no syntax errors, so every feature leaves it alone.
   */
  readonly templated: boolean;
}

/** A parsed manifest file. `templated` when any of its documents is (see ManifestDocument.templated). */
export interface ParsedManifest {
  readonly text: string;
  readonly lines: LineIndex;
  readonly documents: readonly ManifestDocument[];
  readonly templated: boolean;
}

/**
 * The document an offset belongs to: the last one starting at or before it, so a cursor on a document's
 * trailing blank or comment lines (after its content, before the next `---`) still finds it.
 */
export function documentAt(parsed: ParsedManifest, offset: number): ManifestDocument | undefined {
  let found: ManifestDocument | undefined;
  for (const d of parsed.documents) {
    if (d.doc.range[0] > offset) break;
    found = d;
  }
  return found;
}

/** Parses every document of a file once; documents with syntax errors are kept, marked with their errors. */
export function parseManifest(text: string): ParsedManifest {
  const lines = new LineIndex(text);
  const documents = parseDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false }).map((doc, index) => describe(text, doc, index));
  return { text, lines, documents, templated: documents.some((d) => d.templated) };
}

function describe(text: string, doc: Document.Parsed, index: number): ManifestDocument {
  const [start, , end] = doc.range;
  const root = doc.contents;
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0], start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }));
  const kindNode = isMap(root) ? valueNode(doc, root, 'kind') : undefined;
  const meta = isMap(root) ? mapAt(doc, root, ['metadata']) : undefined;
  const contentStart = root?.range ? root.range[0] : start;
  const anchor = kindNode?.range ?? root?.range ?? [contentStart, contentStart];
  const kind = isScalar(kindNode) && typeof kindNode.value === 'string' ? kindNode.value : undefined;
  if (isTemplatedDocument(text, doc, kind)) return { index, doc, start: contentStart, end, anchorStart: anchor[0], anchorEnd: anchor[1], errors: [], templated: true };
  return {
    index,
    doc,
    start: contentStart,
    end,
    apiVersion: isMap(root) ? stringAt(doc, root, ['apiVersion']) : undefined,
    kind,
    name: meta ? stringAt(doc, meta, ['name']) : undefined,
    namespace: meta ? stringAt(doc, meta, ['namespace']) : undefined,
    anchorStart: anchor[0],
    anchorEnd: anchor[1],
    errors,
    templated: false,
  };
}

/** Follows one alias, if the node is one. Aliases are never expanded recursively, so alias bombs cost nothing. */
export function deref(doc: Document, node: unknown): Node | undefined {
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return isAlias(target) ? undefined : (target as Node | undefined);
  }
  return node as Node | undefined;
}

/** True when a map entry's key is the scalar `key`. */
export function keyIs(item: Pair<unknown, unknown>, key: string): boolean {
  const k = item.key;
  return isScalar(k) ? String(k.value) === key : k === key;
}

/**
 * The pair written in this map whose key is the scalar `key`: the last one when the key repeats, since that is
 * the one the API server keeps. Merge keys are not followed (see valueNode), so the pair is one an edit can change.
 */
export function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    if (keyIs(map.items[i], key)) return map.items[i] as Pair<Node, Node | null>;
  }
  return undefined;
}

/** The value node under `key` of a map as the API server receives it (last duplicate, `<<` merges), aliases followed. */
export function valueNode(doc: Document, map: YAMLMap, key: string): Node | undefined {
  const pair = effectivePair(doc, map, key);
  return pair ? deref(doc, pair.value) : undefined;
}

/** The node at a path of map keys and sequence indexes, with aliases followed at each step. */
export function nodeAt(doc: Document, from: Node | null | undefined, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = deref(doc, from);
  for (const step of path) {
    if (typeof step === 'number') {
      node = isSeq(node) ? deref(doc, node.items[step]) : undefined;
    } else {
      node = isMap(node) ? valueNode(doc, node, step) : undefined;
    }
    if (!node) return undefined;
  }
  return node;
}

/** The map at a path, or undefined when the path is missing or holds something else. */
export function mapAt(doc: Document, from: Node | null | undefined, path: readonly (string | number)[]): YAMLMap<Node, Node | null> | undefined {
  const node = nodeAt(doc, from, path);
  return isMap(node) ? (node as YAMLMap<Node, Node | null>) : undefined;
}

/** A scalar's value as a string (numbers and booleans as written), or undefined. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : (node.source ?? String(v));
}

/** The string at a path, or undefined. */
export function stringAt(doc: Document, from: Node | null | undefined, path: readonly (string | number)[]): string | undefined {
  return scalarText(nodeAt(doc, from, path));
}

/** True when the document holds a Kubernetes object (a map with string `apiVersion` and `kind`). */
export function isKubernetesObject(d: ManifestDocument): boolean {
  return d.apiVersion !== undefined && d.kind !== undefined;
}
