import { nodeAt, scalarText } from '../../../yaml/manifest';
import { replaceNode } from '../../edits';
import type { Rule } from '../../rule';
import { routeFlavor, routeMatches } from '../../kinds';

export const MA214: Rule = {
  code: 'MA214',
  name: 'route-path-absolute',
  category: 'admission',
  severity: 'error',
  summary: 'An Exact or PathPrefix path match does not start with /; the policy webhook denies the route.',
  check(ctx) {
    // A Gateway API HTTPRoute with such a path breaks its CRD's rules first: MA110 reports it there.
    if (routeFlavor(ctx) !== 'policy-http') return;
    for (const match of routeMatches(ctx)) {
      const type = scalarText(nodeAt(ctx.doc, match, ['path', 'type'])) ?? 'PathPrefix';
      const value = nodeAt(ctx.doc, match, ['path', 'value']);
      const path = scalarText(value);
      if (!value || path === undefined || type === 'RegularExpression' || path.startsWith('/')) continue;
      ctx.report(value, `Path matches must be absolute: '${path}' does not begin with '/'. Write '/${path}'.`, replaceNode(value, `/${path}`, `Change to '/${path}'`));
    }
  },
};
