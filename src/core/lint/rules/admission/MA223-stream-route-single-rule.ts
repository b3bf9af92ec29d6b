import { isSeq } from 'yaml';
import { nodeAt } from '../../../yaml/manifest';
import { keyOf } from '../../read';
import type { Rule } from '../../rule';
import { routeFlavor } from '../../kinds';

export const MA223: Rule = {
  code: 'MA223',
  name: 'stream-route-single-rule',
  category: 'admission',
  severity: 'error',
  summary: 'A TLSRoute or TCPRoute has more than one rule; Linkerd’s webhook allows exactly one.',
  check(ctx) {
    const flavor = routeFlavor(ctx);
    if (flavor !== 'tls' && flavor !== 'tcp') return;
    const rules = nodeAt(ctx.doc, ctx.spec, ['rules']);
    if (isSeq(rules) && rules.items.length > 1) {
      ctx.report(keyOf(ctx.doc, ctx.spec, ['rules']) ?? rules, `${ctx.kind} supports a single rule only; it has ${rules.items.length}. Merge the backendRefs into one rule or split the route.`);
    }
  },
};
