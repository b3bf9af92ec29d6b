import { isMap, visit, type Document, type Node, type YAMLMap } from 'yaml';
import { keyText, overwrittenPairs, type MapPair } from '../yaml/effective';
import { lineStartOf } from '../yaml/layout';
import type { ManifestDocument, ParsedManifest, SyntaxProblem } from '../yaml/manifest';
import { syntaxCause } from '../yaml/syntaxCause';
import { DUPLICATE_KEY, MISSING_SEPARATOR } from './engineCodes';
import type { RuleInfo } from './rule';
import type { Fix } from './types';

export type AddFinding = (rule: RuleInfo, at: readonly [number, number], message: string, fix?: Fix) => void;

/** Keys that every object has once: a second one means a second object began without `---`. */
const OBJECT_KEYS = new Set(['apiVersion', 'kind']);

/**
 * Whether a document holds two objects run together (a missing `---`): its root map repeats apiVersion or
 * kind. The API server would receive one object mixing both, so that is reported (when `add` is given) at
 * the second object's first key, and the document is not linted further.
 */
export function twoObjects(file: ParsedManifest, document: ManifestDocument, add?: AddFinding): boolean {
  const root = document.doc.contents;
  if (!isMap(root) || !hasRepeatedObjectKey(root)) return false;
  if (add) {
    const second = secondObjectStart(root);
    const start = second.key.range![0];
    const line = lineStartOf(file.text, start);
    add(
      MISSING_SEPARATOR,
      [start, second.key.range![1]],
      `A second object starts here, inside the same YAML document: '${keyText(second.key)}' was already set on line ${file.lines.positionAt(second.first.key.range![0]).line + 1}. Without a '---' line before it, the API server receives one object that mixes both. Add '---' above this line.`,
      { title: "Insert '---' to start a new document", edits: [{ start: line, end: line, newText: '---\n' }] },
    );
  }
  return true;
}

function hasRepeatedObjectKey(root: YAMLMap): boolean {
  const seen = new Set<string>();
  for (const item of root.items) {
    const k = keyText(item.key) ?? '';
    if (!OBJECT_KEYS.has(k)) continue;
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

/** A repeated key anywhere in the document: a warning at the repeat, which is the value the API server keeps. */
export function checkDuplicateKeys(file: ParsedManifest, document: ManifestDocument, add: AddFinding): void {
  visit(document.doc, {
    Map(_, map) {
      for (const { lost: earlier, by } of overwrittenPairs(map as YAMLMap)) {
        const key = by.key as Node;
        if (!key.range || !earlier.key?.range) continue;
        add(DUPLICATE_KEY, [key.range[0], key.range[1]], `'${keyText(key)}' is set again here (first on line ${file.lines.positionAt(earlier.key.range[0]).line + 1}): the API server keeps only this value and drops the earlier one. Merge them or remove one.`);
      }
    },
  });
}

/** The first top-level pair whose key was already set above: where the second object begins. */
function secondObjectStart(root: YAMLMap): { key: Node; first: MapPair } {
  const seen = new Map<string, MapPair>();
  for (const item of root.items as MapPair[]) {
    const k = keyText(item.key);
    if (k === undefined) continue;
    const first = seen.get(k);
    if (first && item.key.range && first.key.range) return { key: item.key, first };
    seen.set(k, item);
  }
  throw new Error('no repeated key');
}

const MAX_MESSAGE = 300;

/** A syntax error, pointed at its cause, its message cut (the parser may quote a long stretch of the file). */
export function syntaxProblem(file: ParsedManifest, doc: Document.Parsed, error: SyntaxProblem): SyntaxProblem {
  const cause = syntaxCause(file.text, doc.range[0], error);
  return { ...cause, message: cause.message.length > MAX_MESSAGE ? `${cause.message.slice(0, MAX_MESSAGE)}…` : cause.message };
}

