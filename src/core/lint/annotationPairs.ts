import { isScalar, type Node } from 'yaml';
import type { AnnotationsBlock } from '../annotations/context';
import { effectiveEntries, effectivePair } from '../yaml/effective';
import { deref } from '../yaml/manifest';
import type { RuleContext } from './rule';

export interface AnnotationPair {
  readonly block: AnnotationsBlock;
  readonly key: string;
  readonly keyNode: Node;
  readonly valueNode: Node | undefined;
  /** The value as the API server stores it, when it is a string; undefined for non-strings. */
  readonly value: string | undefined;
}

/**
 * Every annotation of an object and of its pod template, with where it sits, as the API server receives
 * them: an `annotations` map that a later one replaces is skipped, and `<<` merges are followed.
 */
export function annotationPairs(ctx: RuleContext): AnnotationPair[] {
  const out: AnnotationPair[] = [];
  for (const block of ctx.annotationBlocks()) {
    if (!block.map || (block.metadata && deref(ctx.doc, effectivePair(ctx.doc, block.metadata, 'annotations')?.value) !== block.map)) continue;
    for (const pair of effectiveEntries(ctx.doc, block.map).values()) {
      const keyNode = pair.key;
      if (!isScalar(keyNode)) continue;
      const valueNode = deref(ctx.doc, pair.value);
      const value = isScalar(valueNode) && typeof valueNode.value === 'string' ? valueNode.value : undefined;
      out.push({ block, key: String(keyNode.value), keyNode, valueNode, value });
    }
  }
  return out;
}
