import { isAlias, isMap, isPair, isSeq, type Document, type Node } from 'yaml';

/**
 * How many nodes the document would have with every alias expanded, counted without expanding (each
 * anchored node is sized once). Stops counting past `limit`, so a "billion laughs" document costs only its size.
 */
export function expandedSize(doc: Document, limit: number): number {
  if (!doc.contents) return 0;
  const sizes = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target || inProgress.has(target)) return limit + 1;
      return size(target);
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    inProgress.add(node);
    if (isMap(node)) {
      for (const pair of node.items) {
        total += (isPair(pair) ? size(pair.key) + size(pair.value) : 0);
        if (total > limit) break;
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        total += size(item);
        if (total > limit) break;
      }
    }
    inProgress.delete(node);
    sizes.set(node, total);
    return total;
  };
  return size(doc.contents as Node);
}

/** Whether the document uses any alias at all (the common case has none, and skips the count). */
export function hasAliases(text: string, start: number, end: number): boolean {
  const slice = text.slice(start, end);
  return /(^|[\s[{,:-])\*[^\s,\]}]/.test(slice);
}
