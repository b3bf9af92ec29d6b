import { isEgressNetworkParent, parentRefs } from '../../model/parents';
import type { Rule } from '../../rule';
import { routeFlavor } from '../../kinds';

export const MA219: Rule = {
  code: 'MA219',
  name: 'route-egress-parent-port',
  category: 'admission',
  severity: 'error',
  summary: 'A route attaches to an EgressNetwork without a port; the policy webhook denies it.',
  check(ctx) {
    if (!routeFlavor(ctx)) return;
    const view = ctx.view();
    for (const ref of parentRefs(view)) {
      // The group is as defaulted by the CRD: Linkerd's HTTPRoute defaults it to policy.linkerd.io.
      if (!isEgressNetworkParent(ref) || ref.port !== undefined) continue;
      const at = view.at(ref, 'name');
      if (at) ctx.report(at, `Cannot target an EgressNetwork without specifying a port: add 'port:' to this parentRef with the destination port the route applies to.`);
    }
  },
};
