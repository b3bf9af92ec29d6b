import { isMap } from 'yaml';
import { nodeAt, pairOf, scalarText } from '../../../yaml/manifest';
import { removePair } from '../../edits';
import { listAt } from '../../read';
import type { Rule } from '../../rule';
import { labelSelectors } from '../../kinds';

export const MA310: Rule = {
  code: 'MA310',
  name: 'selector-expression-never-matches',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A matchExpressions entry combines its operator and values in a way Linkerd never matches.',
  check(ctx) {
    for (const selector of labelSelectors(ctx)) {
      for (const expr of listAt(ctx.doc, selector, ['matchExpressions'])) {
        const operatorNode = nodeAt(ctx.doc, expr, ['operator']);
        const operator = scalarText(operatorNode);
        const values = isMap(expr) ? pairOf(expr, 'values') : undefined;
        if (!operatorNode || operator === undefined) continue;
        if ((operator === 'Exists' || operator === 'DoesNotExist') && values) {
          ctx.report(operatorNode, `${operator} must not have values: Linkerd treats this expression as illegal and it never matches. Remove 'values'.`, removePair(values, ctx.file.text, 'Remove values'));
        } else if ((operator === 'In' || operator === 'NotIn') && !values) {
          ctx.report(operatorNode, `${operator} needs values: without them Linkerd treats this expression as illegal and it never matches. Add 'values: [...]'.`);
        }
      }
    }
  },
};
