import { nodeAt } from '../../../yaml/manifest';
import { readRef, refIs } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA209: Rule = {
  code: 'MA209',
  name: 'authorizationpolicy-namespace-target',
  category: 'admission',
  severity: 'error',
  summary: 'An AuthorizationPolicy targets a Namespace other than its own; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'AuthorizationPolicy')) return;
    const target = nodeAt(ctx.doc, ctx.spec, ['targetRef']);
    if (!target) return;
    const ref = readRef(ctx.doc, target);
    if (!refIs(ref, '', 'Namespace') || ref.name === undefined || ref.name === ctx.namespace) return;
    const fix = ref.nameNode?.range ? { title: `Target namespace '${ctx.namespace}'`, edits: [{ start: ref.nameNode.range[0], end: ref.nameNode.range[1], newText: ctx.namespace }] } : undefined;
    ctx.report(ref.nameNode ?? target, `Cannot target another namespace: '${ref.name}'. A Namespace target must name the policy's own namespace ('${ctx.namespace}'); create the policy in '${ref.name}' instead.`, fix);
  },
};
