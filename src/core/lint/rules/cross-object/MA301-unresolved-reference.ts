import { nearMiss } from '../../didYouMean';
import { referencesOf } from '../../model/references';
import type { Rule } from '../../rule';

export const MA301: Rule = {
  code: 'MA301',
  name: 'unresolved-reference',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A reference names an object that is not in the workspace; an error when the traffic it allows stays denied.',
  workspace: true,
  check(ctx) {
    const self = { doc: ctx.doc, root: ctx.root, group: ctx.group, kind: ctx.kind, namespace: ctx.namespace };
    for (const ref of referencesOf(self)) {
      if (ref.expected === 'never' || (ref.expected === 'workloads' && !ctx.workspace.hasWorkloads(ref.namespace))) continue;
      if (ctx.workspace.find(ref.namespace, ref.group, ref.kind, ref.name)) continue;
      const others = ctx.workspace.list(ref.namespace, ref.group, ref.kind).flatMap((o) => (o.name === undefined ? [] : [o.name]));
      const guess = nearMiss(ref.nameNode, ctx.file.text, ref.name, others);
      ctx.report(
        ref.nameNode,
        `${ref.kind} '${ref.name}' is not defined in namespace '${ref.namespace}' in this workspace, so ${ref.consequence}.${guess?.hint ?? ''} Check the name and namespace, or add the ${ref.kind}.`,
        guess?.fix,
        ref.denies ? 'error' : undefined,
      );
    }
  },
};
