import { isSeq } from 'yaml';
import { nodeAt } from '../../../yaml/manifest';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA207: Rule = {
  code: 'MA207',
  name: 'networks-empty',
  category: 'admission',
  severity: 'error',
  summary: 'A NetworkAuthentication or EgressNetwork lists no networks; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'NetworkAuthentication') && !isKind(ctx, POLICY, 'EgressNetwork')) return;
    const networks = nodeAt(ctx.doc, ctx.spec, ['networks']);
    if (isSeq(networks) && networks.items.length === 0) {
      const hint = ctx.kind === 'EgressNetwork' ? ' or remove the field to cover every address outside the cluster networks' : '';
      ctx.report(networks, `At least one network must be specified: add an entry such as '- cidr: 0.0.0.0/0'${hint}.`);
    }
  },
};
