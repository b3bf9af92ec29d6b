import type { Node } from 'yaml';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import { headerNameProblem, headerValueProblem } from '../../checks/http';
import { listAt } from '../../read';
import type { Rule, RuleContext } from '../../rule';
import { ruleFilters, routeFlavor, routeMatches } from '../../kinds';

export const MA216: Rule = {
  code: 'MA216',
  name: 'route-header',
  category: 'admission',
  severity: 'error',
  summary: 'A header match or header modifier uses an invalid HTTP header name or value; the policy webhook denies the route.',
  check(ctx) {
    const flavor = routeFlavor(ctx);
    if (flavor !== 'policy-http' && flavor !== 'gateway-http' && flavor !== 'grpc') return;
    for (const match of routeMatches(ctx)) {
      for (const header of listAt(ctx.doc, match, ['headers'])) {
        checkName(ctx, nodeAt(ctx.doc, header, ['name']));
        if ((scalarText(nodeAt(ctx.doc, header, ['type'])) ?? 'Exact') === 'Exact') checkValue(ctx, nodeAt(ctx.doc, header, ['value']));
      }
    }
    for (const filter of ruleFilters(ctx)) {
      for (const modifier of ['requestHeaderModifier', 'responseHeaderModifier']) {
        const m = nodeAt(ctx.doc, filter, [modifier]);
        for (const entry of [...listAt(ctx.doc, m, ['set']), ...listAt(ctx.doc, m, ['add'])]) {
          checkName(ctx, nodeAt(ctx.doc, entry, ['name']));
          checkValue(ctx, nodeAt(ctx.doc, entry, ['value']));
        }
        for (const name of listAt(ctx.doc, m, ['remove'])) checkName(ctx, name);
      }
    }
  },
};

function checkName(ctx: RuleContext, node: Node | undefined): void {
  const text = scalarText(node);
  const problem = text === undefined ? undefined : headerNameProblem(text);
  if (node && problem) ctx.report(node, `${problem}.`);
}

function checkValue(ctx: RuleContext, node: Node | undefined): void {
  const text = scalarText(node);
  const problem = text === undefined ? undefined : headerValueProblem(text);
  if (node && problem) ctx.report(node, `Invalid header value: ${problem}.`);
}
