import { ANNOTATIONS, findAnnotation } from '../../../annotations/catalog';
import type { Rule } from '../../rule';
import { closest } from '../../suggest';
import { annotationPairs } from '../../annotationPairs';

const CONFIG_PREFIXES = ['config.linkerd.io/', 'config.alpha.linkerd.io/', 'config.beta.linkerd.io/'];
const KEYS = ANNOTATIONS.map((a) => a.key);

export const MA403: Rule = {
  code: 'MA403',
  name: 'annotation-unknown-key',
  category: 'annotations',
  severity: 'warning',
  summary: 'A config.linkerd.io annotation is not one Linkerd reads; it is probably a typo.',
  check(ctx) {
    for (const a of annotationPairs(ctx)) {
      if (!CONFIG_PREFIXES.some((p) => a.key.startsWith(p)) || findAnnotation(a.key)) continue;
      const guess = closest(a.key, KEYS);
      const r = a.keyNode.range!;
      const fix = guess ? { title: `Rename to ${guess}`, edits: [{ start: r[0], end: r[1], newText: guess }] } : undefined;
      ctx.report(a.keyNode, `Linkerd does not read the annotation '${a.key}', so it has no effect${guess ? `; did you mean '${guess}'?` : '.'}`, fix);
    }
  },
};
