import { isMap, isScalar, type Node } from 'yaml';
import { deref, nodeAt } from '../../../yaml/manifest';
import { quoteNode } from '../../edits';
import type { Rule } from '../../rule';
import { labelSelectors } from '../../kinds';

export const MA204: Rule = {
  code: 'MA204',
  name: 'selector-label-value-type',
  category: 'admission',
  severity: 'error',
  summary: 'A matchLabels value is not a string; the CRD admits it but the policy webhook denies it.',
  check(ctx) {
    for (const selector of labelSelectors(ctx)) {
      const labels = nodeAt(ctx.doc, selector, ['matchLabels']);
      if (!isMap(labels)) continue;
      for (const pair of labels.items) {
        const value = deref(ctx.doc, pair.value) as Node | undefined;
        if (!isScalar(value) || typeof value.value === 'string' || value.value === null) continue;
        const text = value.source ?? String(value.value);
        ctx.report(value, `Label value ${text} is ${typeof value.value === 'number' ? 'a number' : 'a boolean'}; label values must be strings. Quote it ("${text}").`, quoteNode(value, text, 'Quote the label value'));
      }
    }
  },
};
