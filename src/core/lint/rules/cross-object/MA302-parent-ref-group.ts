import { isMap } from 'yaml';
import { insertFirstKey } from '../../edits';
import { listAt, readRef } from '../../read';
import type { Rule } from '../../rule';
import { parentDefaultGroup, POLICY, routeFlavor } from '../../kinds';

/** The group each parent kind needs, written out, for Linkerd to attach the route. */
const PARENT_GROUPS: Record<string, string> = { Service: 'core', Server: POLICY, EgressNetwork: POLICY };

export const MA302: Rule = {
  code: 'MA302',
  name: 'parent-ref-group',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A route parentRef relies on a default group or kind, so it does not attach to the Linkerd object it names.',
  workspace: true,
  check(ctx) {
    if (!routeFlavor(ctx) || !ctx.linkerdRelevant) return;
    const defaultGroup = parentDefaultGroup(ctx);
    for (const node of listAt(ctx.doc, ctx.spec, ['parentRefs'])) {
      const ref = readRef(ctx.doc, node);
      if (ref.kind === undefined) {
        const known = ref.name !== undefined && ctx.workspace.find(ctx.namespace, POLICY, 'Server', ref.name) ? 'Server' : undefined;
        const entries: Record<string, string> = defaultGroup === POLICY ? { kind: 'Server' } : { group: POLICY, kind: 'Server' };
        const fix = known && isMap(node) ? insertFirstKey(node, entries, ctx.file.text, `Add ${Object.entries(entries).map(([k, v]) => `${k}: ${v}`).join(', ')}`) : undefined;
        ctx.report(ref.nameNode ?? node, `This parentRef has no kind, so it defaults to a Gateway, which Linkerd ignores. Add 'kind: Server' (inbound) or 'kind: Service' with 'group: core' (outbound).`, fix);
        continue;
      }
      const needed = PARENT_GROUPS[ref.kind];
      if (!needed || ref.group !== undefined) continue;
      if (needed === defaultGroup) continue;
      const fix = isMap(node) ? insertFirstKey(node, { group: needed }, ctx.file.text, `Add group: ${needed}`) : undefined;
      ctx.report(ref.kindNode ?? node, `Without an explicit group this parentRef means ${ref.kind}.${defaultGroup}, not Linkerd's ${ref.kind}, so the route never attaches. Add 'group: ${needed}'.`, fix);
    }
  },
};
