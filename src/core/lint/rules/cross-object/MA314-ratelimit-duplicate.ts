import { nodeAt } from '../../../yaml/manifest';
import { readRef } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA314: Rule = {
  code: 'MA314',
  name: 'ratelimit-duplicate',
  category: 'cross-object',
  severity: 'warning',
  summary: 'Two HTTPLocalRateLimitPolicies target the same Server; Linkerd rejects the second.',
  workspace: true,
  check(ctx) {
    if (!isKind(ctx, POLICY, 'HTTPLocalRateLimitPolicy')) return;
    const target = nodeAt(ctx.doc, ctx.spec, ['targetRef']);
    const name = target && readRef(ctx.doc, target).name;
    if (!target || name === undefined) return;
    const others = ctx.workspace.list(ctx.namespace, POLICY, 'HTTPLocalRateLimitPolicy').filter((o) => {
      const t = nodeAt(o.doc, o.root, ['spec', 'targetRef']);
      return o.root !== ctx.root && t !== undefined && readRef(o.doc, t).name === name;
    });
    if (others.length) {
      ctx.report(readRef(ctx.doc, target).nameNode ?? target, `HTTPLocalRateLimitPolicy '${others[0].name}' also targets Server '${name}': only one rate limit applies per Server, and the other gets status RateLimitReasonAlreadyExists. Merge them into one policy.`);
    }
  },
};
