import { isScalar } from 'yaml';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import { replaceNode } from '../../edits';
import { keyOf } from '../../read';
import type { Rule } from '../../rule';
import { ruleFilters, routeFlavor } from '../../kinds';

export const MA217: Rule = {
  code: 'MA217',
  name: 'route-redirect',
  category: 'admission',
  severity: 'error',
  summary: 'A RequestRedirect filter has a path without a replacement, a relative replacement, or an invalid status code; the policy webhook denies the route.',
  check(ctx) {
    const flavor = routeFlavor(ctx);
    if (flavor !== 'policy-http' && flavor !== 'gateway-http') return;
    for (const filter of ruleFilters(ctx)) {
      const redirect = nodeAt(ctx.doc, filter, ['requestRedirect']);
      if (!redirect) continue;
      const path = nodeAt(ctx.doc, redirect, ['path']);
      if (path) {
        const full = nodeAt(ctx.doc, path, ['replaceFullPath']);
        const prefix = nodeAt(ctx.doc, path, ['replacePrefixMatch']);
        // On a Gateway API route the CRD's rules refuse this first (MA110).
        if (!full && !prefix && flavor === 'policy-http') ctx.report(keyOf(ctx.doc, redirect, ['path']) ?? path, 'A RequestRedirect path must contain either replaceFullPath or replacePrefixMatch.');
        for (const node of [full, prefix]) {
          const value = scalarText(node);
          if (node && value !== undefined && !value.startsWith('/')) {
            ctx.report(node, `RequestRedirect paths must be absolute: '${value}' does not begin with '/'.`, replaceNode(node, `/${value}`, `Change to '/${value}'`));
          }
        }
      }
      const status = nodeAt(ctx.doc, redirect, ['statusCode']);
      if (isScalar(status) && typeof status.value === 'number' && (status.value < 100 || status.value > 999)) {
        ctx.report(status, `${status.value} is not an HTTP status code; redirects use 301 or 302.`);
      }
    }
  },
};
