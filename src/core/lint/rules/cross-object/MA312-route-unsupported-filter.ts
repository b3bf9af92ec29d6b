import { nodeAt, scalarText } from '../../../yaml/manifest';
import type { Rule } from '../../rule';
import { routeFilters, routeFlavor } from '../../kinds';

const UNSUPPORTED = new Set(['RequestMirror', 'URLRewrite', 'ExtensionRef']);

export const MA312: Rule = {
  code: 'MA312',
  name: 'route-unsupported-filter',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A Gateway API route uses a filter Linkerd does not support, so Linkerd cannot use the route.',
  check(ctx) {
    const flavor = routeFlavor(ctx);
    if ((flavor !== 'gateway-http' && flavor !== 'grpc') || !ctx.linkerdRelevant) return;
    for (const filter of routeFilters(ctx)) {
      const type = nodeAt(ctx.doc, filter, ['type']);
      const value = scalarText(type);
      if (type && value !== undefined && UNSUPPORTED.has(value)) {
        ctx.report(type, `Linkerd does not support the ${value} filter: the webhook admits the route, but Linkerd then ignores the whole route. Use RequestHeaderModifier, ResponseHeaderModifier or RequestRedirect.`);
      }
    }
  },
};
