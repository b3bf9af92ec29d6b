import { portEntries } from '../../checks/ports';
import type { Rule } from '../../rule';
import { annotationPairs } from '../../annotationPairs';

const NUMERIC_ONLY = ['config.linkerd.io/opaque-ports', 'config.linkerd.io/proxy-require-identity-inbound-ports'];

export const MA406: Rule = {
  code: 'MA406',
  name: 'policy-port-list-named',
  category: 'annotations',
  severity: 'warning',
  summary: 'A pod’s opaque-ports or require-identity ports list has a named entry, so the policy controller ignores the whole list.',
  check(ctx) {
    for (const a of annotationPairs(ctx)) {
      if (!NUMERIC_ONLY.includes(a.key) || a.block.host !== 'pod' || a.value === undefined || !a.valueNode) continue;
      const named = portEntries(a.value).filter((e) => e.kind === 'name').map((e) => e.text);
      if (named.length) {
        ctx.report(a.valueNode, `${a.key} names port(s) ${named.join(', ')}: the injector resolves names, but Linkerd's policy controller reads only numbers and ranges and then treats the whole list as empty. Use the port numbers.`);
      }
    }
  },
};
