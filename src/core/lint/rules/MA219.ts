import { listAt, readRef } from '../read';
import type { Rule } from '../rule';
import { POLICY, routeFlavor } from './kinds';

export const MA219: Rule = {
  code: 'MA219',
  name: 'route-egress-parent-port',
  category: 'admission',
  severity: 'error',
  summary: 'A route attaches to an EgressNetwork without a port; the policy webhook denies it.',
  check(ctx) {
    if (!routeFlavor(ctx)) return;
    for (const node of listAt(ctx.doc, ctx.spec, ['parentRefs'])) {
      const ref = readRef(ctx.doc, node);
      // Only an explicit group counts here, as in the webhook: the default group never names an EgressNetwork.
      if (ref.group?.toLowerCase() !== POLICY || ref.kind?.toLowerCase() !== 'egressnetwork' || ref.port) continue;
      ctx.report(ref.nameNode ?? node, `Cannot target an EgressNetwork without specifying a port: add 'port:' to this parentRef with the destination port the route applies to.`);
    }
  },
};
