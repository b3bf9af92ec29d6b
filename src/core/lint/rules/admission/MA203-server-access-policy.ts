import { DEFAULT_POLICIES } from '../../accepted';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import { replaceNode } from '../../edits';
import type { Rule } from '../../rule';
import { closest } from '../../suggest';
import { isKind, POLICY } from '../../kinds';

export const MA203: Rule = {
  code: 'MA203',
  name: 'server-access-policy',
  category: 'admission',
  severity: 'error',
  summary: 'A Server accessPolicy is not one of the default-policy names; the policy webhook denies it.',
  check(ctx) {
    // Older versions have no accessPolicy field: the API server prunes it (MA107) before the webhook sees it.
    if (!isKind(ctx, POLICY, 'Server') || !ctx.served?.spec.properties?.accessPolicy) return;
    const node = nodeAt(ctx.doc, ctx.spec, ['accessPolicy']);
    const value = scalarText(node);
    if (!node || value === undefined || DEFAULT_POLICIES.includes(value)) return;
    const guess = closest(value, DEFAULT_POLICIES);
    ctx.report(node, `Invalid accessPolicy '${value}': use one of ${DEFAULT_POLICIES.join(', ')}.`, guess ? replaceNode(node, guess, `Change to '${guess}'`) : undefined);
  },
};
