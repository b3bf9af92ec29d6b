import { nodeAt, scalarText } from '../../../yaml/manifest';
import { contains, parseCidr } from '../../checks/cidr';
import { listAt } from '../../read';
import type { Rule } from '../../rule';
import { networkEntries } from '../../kinds';

export const MA206: Rule = {
  code: 'MA206',
  name: 'network-except',
  category: 'admission',
  severity: 'error',
  summary: 'A network exception lies outside its cidr or negates all of it; the policy webhook denies it.',
  check(ctx) {
    for (const network of networkEntries(ctx)) {
      const cidrText = scalarText(nodeAt(ctx.doc, network, ['cidr']));
      const cidr = cidrText === undefined ? undefined : parseCidr(cidrText);
      if (!cidr) continue;
      for (const node of listAt(ctx.doc, network, ['except'])) {
        const text = scalarText(node);
        const except = text === undefined ? undefined : parseCidr(text);
        if (!except) continue;
        if (contains(except, cidr)) ctx.report(node, `cidr '${cidrText}' is completely negated by exception '${text}'; the network would match nothing. Remove the exception or narrow it.`);
        else if (!contains(cidr, except)) ctx.report(node, `cidr '${cidrText}' does not include exception '${text}'; an exception must lie inside its cidr (and be of the same IP family).`);
      }
    }
  },
};
