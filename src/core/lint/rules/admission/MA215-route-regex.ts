import type { Node } from 'yaml';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import { rustRegexProblem } from '../../checks/rustRegex';
import { listAt } from '../../read';
import type { Rule } from '../../rule';
import { routeFlavor, routeMatches } from '../../kinds';

export const MA215: Rule = {
  code: 'MA215',
  name: 'route-regex',
  category: 'admission',
  severity: 'error',
  summary: 'A RegularExpression match does not compile in Linkerd’s regex engine; the policy webhook denies the route.',
  check(ctx) {
    const flavor = routeFlavor(ctx);
    if (flavor !== 'policy-http' && flavor !== 'gateway-http' && flavor !== 'grpc') return;
    const candidates: Node[] = [];
    for (const match of routeMatches(ctx)) {
      if (flavor !== 'grpc') candidates.push(match);
      for (const list of ['headers', 'queryParams']) candidates.push(...listAt(ctx.doc, match, [list]));
    }
    for (const node of candidates) {
      const isPath = nodeAt(ctx.doc, node, ['path']) !== undefined;
      const typed = isPath ? nodeAt(ctx.doc, node, ['path']) : node;
      if (scalarText(nodeAt(ctx.doc, typed, ['type'])) !== 'RegularExpression') continue;
      const value = nodeAt(ctx.doc, typed, ['value']);
      const pattern = scalarText(value);
      const problem = pattern === undefined ? undefined : rustRegexProblem(pattern);
      if (value && problem) ctx.report(value, `Linkerd's regex engine (Rust's regex crate) refuses '${pattern}': ${problem}.`);
    }
  },
};
