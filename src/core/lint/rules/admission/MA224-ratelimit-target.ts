import { isMap } from 'yaml';
import { nodeAt } from '../../../yaml/manifest';
import { insertFirstKey } from '../../edits';
import { canonicalKind, readRef, refIs } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA224: Rule = {
  code: 'MA224',
  name: 'ratelimit-target',
  category: 'admission',
  severity: 'error',
  summary: 'An HTTPLocalRateLimitPolicy targets something other than a Server; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'HTTPLocalRateLimitPolicy')) return;
    const target = nodeAt(ctx.doc, ctx.spec, ['targetRef']);
    if (!isMap(target)) return;
    const ref = readRef(ctx.doc, target);
    if (ref.kind === undefined || refIs(ref, POLICY, 'Server')) return;
    const fix = ref.kind === 'Server' && !ref.group ? insertFirstKey(target, { group: POLICY }, ctx.file.text, `Add group: ${POLICY}`) : undefined;
    ctx.report(ref.kindNode ?? target, `Invalid targetRef kind: ${canonicalKind(ref)}. A rate limit policy must target a Server (group ${POLICY}).`, fix);
  },
};
