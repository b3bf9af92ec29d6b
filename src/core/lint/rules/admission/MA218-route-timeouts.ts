import type { Node } from 'yaml';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import { parseGoDuration } from '../../checks/duration';
import { listAt } from '../../read';
import type { Rule, RuleContext } from '../../rule';
import { routeFlavor } from '../../kinds';

export const MA218: Rule = {
  code: 'MA218',
  name: 'route-timeouts',
  category: 'admission',
  severity: 'error',
  summary: 'A policy HTTPRoute timeout is not a duration, is negative, or backendRequest exceeds request; the policy webhook denies it.',
  check(ctx) {
    if (routeFlavor(ctx) !== 'policy-http') return;
    for (const rule of listAt(ctx.doc, ctx.spec, ['rules'])) {
      const request = duration(ctx, nodeAt(ctx.doc, rule, ['timeouts', 'request']), 'request');
      const backendNode = nodeAt(ctx.doc, rule, ['timeouts', 'backendRequest']);
      const backend = duration(ctx, backendNode, 'backendRequest');
      if (request !== undefined && backend !== undefined && backend.ms > request.ms) {
        const zero = request.ms === 0 ? ' (Linkerd compares against 0s too, unlike Gateway API, which reads 0s as "no timeout")' : '';
        ctx.report(backendNode!, `backendRequest timeout (${backend.text}) must not be greater than request timeout (${request.text})${zero}.`);
      }
    }
  },
};

function duration(ctx: RuleContext, node: Node | undefined, field: string): { ms: number; text: string } | undefined {
  const text = scalarText(node);
  if (!node || text === undefined) return undefined;
  const parsed = parseGoDuration(text);
  if ('error' in parsed) {
    ctx.report(node, `${field} timeout is invalid: ${parsed.error}.`);
    return undefined;
  }
  if (parsed.ms < 0) {
    ctx.report(node, `${field} timeout must not be negative.`);
    return undefined;
  }
  return { ms: parsed.ms, text };
}
