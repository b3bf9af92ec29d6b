import { isScalar } from 'yaml';
import { INJECT_ANNOTATION } from '../../../inject';
import { quoteNode } from '../../edits';
import type { Rule } from '../../rule';
import { annotationPairs } from '../../annotationPairs';

export const MA409: Rule = {
  code: 'MA409',
  name: 'annotation-not-string',
  category: 'annotations',
  severity: 'error',
  summary: 'A Linkerd annotation value is a number or boolean; the API server only accepts strings.',
  check(ctx) {
    for (const a of annotationPairs(ctx)) {
      // The inject annotation's rule (MA402) already offers the right value, not just quotes.
      if (!/linkerd\.io\//.test(a.key) || a.key === INJECT_ANNOTATION || a.value !== undefined || !isScalar(a.valueNode) || a.valueNode.value === null) continue;
      const text = a.valueNode.source ?? String(a.valueNode.value);
      ctx.report(a.valueNode, `Annotation values must be strings, but ${a.key} is ${typeof a.valueNode.value === 'number' ? 'a number' : 'a boolean'}: kubectl apply fails. Quote it ("${text}").`, quoteNode(a.valueNode, text, 'Quote the value'));
    }
  },
};
