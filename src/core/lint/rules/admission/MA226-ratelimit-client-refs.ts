import { listAt, readRef, refIs } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA226: Rule = {
  code: 'MA226',
  name: 'ratelimit-client-refs',
  category: 'admission',
  severity: 'error',
  summary: 'An HTTPLocalRateLimitPolicy override names a client that is not a ServiceAccount; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'HTTPLocalRateLimitPolicy')) return;
    for (const o of listAt(ctx.doc, ctx.spec, ['overrides'])) {
      for (const node of listAt(ctx.doc, o, ['clientRefs'])) {
        const ref = readRef(ctx.doc, node);
        if (ref.kind !== undefined && !refIs(ref, '', 'ServiceAccount')) ctx.report(ref.kindNode ?? node, 'overrides.clientRefs must target a ServiceAccount (core group): rate-limit overrides apply to client identities.');
      }
    }
  },
};
