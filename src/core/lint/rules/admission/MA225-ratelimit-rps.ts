import { isScalar, type Node } from 'yaml';
import { nodeAt } from '../../../yaml/manifest';
import { listAt } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

const U32_MAX = 4294967295;

export const MA225: Rule = {
  code: 'MA225',
  name: 'ratelimit-rps',
  category: 'admission',
  severity: 'error',
  summary: 'An HTTPLocalRateLimitPolicy rate is zero, out of range, or above the total rate; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'HTTPLocalRateLimitPolicy')) return;
    const rate = (node: Node | undefined): number | undefined => (isScalar(node) && typeof node.value === 'number' ? node.value : undefined);
    const totalNode = nodeAt(ctx.doc, ctx.spec, ['total', 'requestsPerSecond']);
    const total = rate(totalNode);
    const check = (node: Node | undefined, label: string, bounded: boolean) => {
      const value = rate(node);
      if (!node || value === undefined) return;
      if (value < 0 || value > U32_MAX) ctx.report(node, `${label} must be between 0 and ${U32_MAX}.`);
      else if (value === 0) ctx.report(node, `${label} must be greater than 0.`);
      else if (bounded && total !== undefined && total > 0 && value > total) ctx.report(node, `${label} (${value}) must be less than or equal to total.requestsPerSecond (${total}).`);
    };
    check(totalNode, 'total.requestsPerSecond', false);
    check(nodeAt(ctx.doc, ctx.spec, ['identity', 'requestsPerSecond']), 'identity.requestsPerSecond', true);
    for (const o of listAt(ctx.doc, ctx.spec, ['overrides'])) check(nodeAt(ctx.doc, o, ['requestsPerSecond']), 'override.requestsPerSecond', true);
  },
};
