import { isMap, isPair, isScalar, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { isKubernetesObject, scalarText, type ManifestDocument, type ParsedManifest } from '../yaml/manifest';
import type { AnnotationHost } from './catalog';

/** One `metadata.annotations` entry point of a Kubernetes object. */
export interface AnnotationsBlock {
  readonly document: ManifestDocument;
  /** Which kind of object Linkerd would read these annotations from; undefined when it reads none here. */
  readonly host: AnnotationHost | undefined;
  /** Offset of the `annotations` key, whose column bounds the block. */
  readonly keyStart: number;
  /** The annotations themselves, when they already form a map. */
  readonly map: YAMLMap<Node, Node | null> | undefined;
  /** The `metadata` map holding them (which may repeat the key, or merge other annotations in). */
  readonly metadata: YAMLMap | undefined;
}

/** Where an offset falls inside an annotations block. */
export type AnnotationPlace =
  | {
      readonly kind: 'key';
      readonly block: AnnotationsBlock;
      /** The key text so far (may be partial while typing). */
      readonly key: string;
      readonly start: number;
      readonly end: number;
      /** True when a `:` already follows, so completion must insert the key alone. */
      readonly hasValue: boolean;
    }
  | {
      readonly kind: 'value';
      readonly block: AnnotationsBlock;
      readonly key: string;
      readonly value: string | undefined;
      /** The span to replace, quotes included; empty when there is no value yet. */
      readonly start: number;
      readonly end: number;
    };

const KEY_CHARS = /[A-Za-z0-9._/-]*/y;

/** The annotations block, key or value at an offset of a Kubernetes manifest; undefined anywhere else. */
export function annotationPlaceAt(parsed: ParsedManifest, offset: number): AnnotationPlace | undefined {
  const document = documentAt(parsed, offset);
  if (!document || !isKubernetesObject(document)) return undefined;
  for (const block of annotationBlocks(document)) {
    const place = placeInBlock(parsed, block, offset);
    if (place) return place;
  }
  return undefined;
}

/** Every `metadata.annotations` of a document: the object's own and those of pod templates. */
export function annotationBlocks(document: ManifestDocument): AnnotationsBlock[] {
  const blocks: AnnotationsBlock[] = [];
  visit(document.doc, {
    Pair(_, pair, path) {
      if (!isScalar(pair.key) || pair.key.value !== 'annotations' || !pair.key.range) return;
      const metadataPair = path[path.length - 2];
      if (!isPair(metadataPair) || scalarText(metadataPair.key) !== 'metadata') return;
      const owner = path[path.length - 4];
      const host = isPair(owner) ? (scalarText(owner.key) === 'template' ? 'pod' : undefined) : rootHost(document.kind);
      const metadata = path[path.length - 1];
      blocks.push({ document, host, keyStart: pair.key.range[0], map: isMap(pair.value) ? (pair.value as YAMLMap<Node, Node | null>) : undefined, metadata: isMap(metadata) ? metadata : undefined });
    },
  });
  return blocks;
}

function rootHost(kind: string | undefined): AnnotationHost | undefined {
  if (kind === 'Pod') return 'pod';
  if (kind === 'Namespace') return 'namespace';
  if (kind === 'Service') return 'service';
  return undefined;
}

/** The document an offset belongs to: the last one starting at or before it (trailing blank lines included). */
function documentAt(parsed: ParsedManifest, offset: number): ManifestDocument | undefined {
  let found: ManifestDocument | undefined;
  for (const d of parsed.documents) {
    if (d.doc.range[0] <= offset) found = d;
  }
  return found;
}

function placeInBlock(parsed: ParsedManifest, block: AnnotationsBlock, offset: number): AnnotationPlace | undefined {
  for (const item of block.map?.items ?? []) {
    const place = placeInPair(parsed.text, block, item, offset);
    if (place) return place;
  }
  return newKeyAt(parsed, block, offset);
}

function placeInPair(text: string, block: AnnotationsBlock, pair: Pair<Node, Node | null>, offset: number): AnnotationPlace | undefined {
  const keyRange = pair.key?.range;
  const key = scalarText(pair.key);
  if (!keyRange || key === undefined) return undefined;
  if (offset >= keyRange[0] && offset <= keyRange[1]) {
    return { kind: 'key', block, key, start: keyRange[0], end: keyRange[1], hasValue: /^[ \t]*:/.test(text.slice(keyRange[1])) };
  }
  const valueRange = pair.value?.range;
  if (valueRange && valueRange[1] > valueRange[0]) {
    if (offset < valueRange[0] || offset > valueRange[1] || !isScalar(pair.value)) return undefined;
    return { kind: 'value', block, key, value: scalarText(pair.value), start: valueRange[0], end: valueRange[1] };
  }
  // No value yet: the cursor is in value position when only the colon and spaces lie between the key and it.
  if (offset > keyRange[1] && /^\s*:[ \t]*$/.test(text.slice(keyRange[1], offset))) {
    return { kind: 'value', block, key, value: undefined, start: offset, end: offset };
  }
  return undefined;
}

/**
 * A key being typed on its own line inside the block. YAML does not yet see it as a key (it has no colon),
 * so the block is found by indentation: every line since `annotations:` is more indented than that key.
 */
function newKeyAt(parsed: ParsedManifest, block: AnnotationsBlock, offset: number): AnnotationPlace | undefined {
  const { text, lines } = parsed;
  const keyPos = lines.positionAt(block.keyStart);
  const here = lines.positionAt(offset);
  if (here.line <= keyPos.line) return undefined;
  for (let line = keyPos.line + 1; line < here.line; line++) {
    const content = text.slice(lines.lineStart(line), lineEnd(parsed, line));
    const indent = content.length - content.trimStart().length;
    if (content.trim() !== '' && !content.trimStart().startsWith('#') && indent <= keyPos.character) return undefined;
  }
  const lineStart = lines.lineStart(here.line);
  const before = /^([ \t]*)(["']?)([A-Za-z0-9._/-]*)$/.exec(text.slice(lineStart, offset));
  if (!before || before[1].length <= keyPos.character) return undefined;
  KEY_CHARS.lastIndex = offset;
  const after = KEY_CHARS.exec(text)?.[0] ?? '';
  const start = offset - before[3].length;
  const rest = text.slice(offset + after.length, lineEnd(parsed, here.line));
  return { kind: 'key', block, key: before[3] + after, start, end: offset + after.length, hasValue: /^["']?\s*:/.test(rest) };
}

/** The offset just past a line's last character, before its line break. */
function lineEnd({ text, lines }: ParsedManifest, line: number): number {
  const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  return text[next - 1] === '\n' ? (text[next - 2] === '\r' ? next - 2 : next - 1) : next;
}
