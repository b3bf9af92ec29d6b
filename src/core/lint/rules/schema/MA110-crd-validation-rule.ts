import { CEL_CHECKS } from '../../cel';
import { replaceNode } from '../../edits';
import { valuesAt } from '../../cel/check';
import type { Rule } from '../../rule';
import { GATEWAY } from '../../kinds';

/**
 * The validation rules (CEL, `x-kubernetes-validations`) of the Gateway API route CRDs Linkerd bundles.
 * The API server runs them on every route, whoever it is for, after applying the CRD's defaults.
 */
export const MA110: Rule = {
  code: 'MA110',
  name: 'crd-validation-rule',
  category: 'schema',
  severity: 'error',
  summary: 'A Gateway API route breaks one of its CRD’s validation rules (CEL); the API server rejects it.',
  check(ctx) {
    if (ctx.group !== GATEWAY || !ctx.served) return;
    const view = ctx.view();
    for (const cel of CEL_CHECKS) {
      // Where schema rules run they report what such a check would, once.
      if (cel.schemaCovered && ctx.linkerdRelevant) continue;
      for (const path of cel.at[ctx.kind] ?? []) {
        for (const value of valuesAt(view.root, path)) {
          cel.check(value, (owner, field, message, replacement) => {
            const valueNode = field === undefined ? undefined : view.valueNode(owner, field);
            const fix = replacement !== undefined && valueNode ? replaceNode(valueNode, replacement, `Change to '${replacement}'`) : undefined;
            ctx.report(view.at(owner, field) ?? view.at(view.root, 'kind') ?? ctx.root, message, fix);
          });
        }
      }
    }
  },
};
