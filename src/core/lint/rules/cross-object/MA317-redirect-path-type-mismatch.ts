import { nodeAt, scalarText } from '../../../yaml/manifest';
import { replaceNode } from '../../edits';
import type { Rule } from '../../rule';
import { routeFilters, routeFlavor } from '../../kinds';

const FIELD_FOR: Record<string, string> = { ReplaceFullPath: 'replaceFullPath', ReplacePrefixMatch: 'replacePrefixMatch' };

export const MA317: Rule = {
  code: 'MA317',
  name: 'redirect-path-type-mismatch',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A RequestRedirect path type names one replacement but the other is set; Linkerd uses the field that is set.',
  check(ctx) {
    if (routeFlavor(ctx) !== 'policy-http') return;
    for (const filter of routeFilters(ctx)) {
      const path = nodeAt(ctx.doc, filter, ['requestRedirect', 'path']);
      const typeNode = nodeAt(ctx.doc, path, ['type']);
      const type = scalarText(typeNode);
      if (!typeNode || type === undefined || !FIELD_FOR[type]) continue;
      const set = Object.entries(FIELD_FOR).filter(([, field]) => nodeAt(ctx.doc, path, [field]) !== undefined);
      if (set.length !== 1 || set[0][0] === type) continue;
      const [actualType, field] = set[0];
      ctx.report(typeNode, `type is ${type} but the path sets ${field}: the schema has no rule tying them, and Linkerd applies ${field} (a ${actualType} redirect). Make the type match.`, replaceNode(typeNode, actualType, `Change type to ${actualType}`));
    }
  },
};
