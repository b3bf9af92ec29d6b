import { nodeAt } from '../../yaml/manifest';
import { selectedWorkloads } from '../model/servers';
import { keyOf } from '../read';
import type { Rule } from '../rule';
import { isKind, POLICY } from './kinds';

export const MA303: Rule = {
  code: 'MA303',
  name: 'server-selects-nothing',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A Server’s podSelector matches no workload in its namespace.',
  workspace: true,
  check(ctx) {
    if (!isKind(ctx, POLICY, 'Server') || !nodeAt(ctx.doc, ctx.spec, ['podSelector'])) return;
    // Only where the workspace holds the namespace's workloads: otherwise they may simply live elsewhere.
    if (!ctx.workspace.hasWorkloads(ctx.namespace)) return;
    if (selectedWorkloads(ctx.workspace, ctx.workspace.objectAt(ctx.root)).length) return;
    ctx.report(keyOf(ctx.doc, ctx.spec, ['podSelector']) ?? ctx.spec!, `podSelector matches no workload's pod labels in namespace '${ctx.namespace}', so this Server applies to nothing. Check the labels against the pod templates (spec.template.metadata.labels).`);
  },
};
