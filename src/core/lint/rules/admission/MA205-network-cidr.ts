import { nodeAt, scalarText } from '../../../yaml/manifest';
import { parseCidr } from '../../checks/cidr';
import { listAt } from '../../read';
import type { Rule } from '../../rule';
import { networkEntries } from '../../kinds';

export const MA205: Rule = {
  code: 'MA205',
  name: 'network-cidr',
  category: 'admission',
  severity: 'error',
  summary: 'A network cidr or except entry is not an IP address or network; the policy webhook denies it.',
  check(ctx) {
    for (const network of networkEntries(ctx)) {
      const cidr = nodeAt(ctx.doc, network, ['cidr']);
      for (const node of [cidr, ...listAt(ctx.doc, network, ['except'])]) {
        const value = scalarText(node);
        if (node && value !== undefined && !parseCidr(value)) {
          ctx.report(node, `'${value}' is not an IP address or network; write it like 10.0.0.0/8 or fd00::/8 (prefix up to 32 for IPv4, 128 for IPv6).`);
        }
      }
    }
  },
};
