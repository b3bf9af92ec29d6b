import { nodeAt } from '../../../yaml/manifest';
import { listAt, readRef, refIs } from '../../read';
import type { Rule } from '../../rule';
import { parentDefaultGroup, POLICY, routeFlavor } from '../../kinds';

export const MA311: Rule = {
  code: 'MA311',
  name: 'route-server-parent-ignored',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A route names a Server parent in another namespace, or with a port or sectionName, so Linkerd ignores it.',
  check(ctx) {
    if (!routeFlavor(ctx) || !ctx.linkerdRelevant) return;
    for (const node of listAt(ctx.doc, ctx.spec, ['parentRefs'])) {
      const ref = readRef(ctx.doc, node);
      if (!refIs(ref, POLICY, 'Server', parentDefaultGroup(ctx))) continue;
      const problems: string[] = [];
      if (ref.namespace !== undefined && ref.namespace !== ctx.namespace) problems.push(`is in another namespace ('${ref.namespace}'; routes must be in the Server's namespace)`);
      if (ref.port) problems.push('sets port (a Server already names its port)');
      if (nodeAt(ctx.doc, node, ['sectionName'])) problems.push('sets sectionName');
      if (problems.length) ctx.report(ref.nameNode ?? node, `Linkerd ignores this Server parent because it ${problems.join(' and ')}. Remove those fields, or move the route.`);
    }
  },
};
