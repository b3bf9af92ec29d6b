import { isMap, type Node } from 'yaml';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import { nearMiss, type NearMiss } from '../../didYouMean';
import { selectedWorkloads } from '../../model/servers';
import { keyOf } from '../../read';
import type { Rule, RuleContext } from '../../rule';
import { isKind, POLICY } from '../../kinds';

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
    const guess = labelNearMiss(ctx);
    ctx.report(keyOf(ctx.doc, ctx.spec, ['podSelector']) ?? ctx.spec!, `podSelector matches no workload's pod labels in namespace '${ctx.namespace}', so this Server applies to nothing.${guess?.hint ?? ''} Check the labels against the pod templates (spec.template.metadata.labels).`, guess?.fix);
  },
};

/** A matchLabels value no pod carries for its key, close to one a pod of the namespace does carry. */
function labelNearMiss(ctx: RuleContext): NearMiss | undefined {
  const labels = nodeAt(ctx.doc, ctx.spec, ['podSelector', 'matchLabels']);
  if (!isMap(labels)) return undefined;
  const pods = ctx.workspace.workloads(ctx.namespace).map((w) => w.pod!.labels);
  for (const pair of labels.items) {
    const key = scalarText(pair.key);
    const node = pair.value as Node | null;
    const value = scalarText(node);
    if (key === undefined || !node || value === undefined) continue;
    const carried = new Set(pods.flatMap((l) => (l.has(key) ? [l.get(key)!] : [])));
    if (carried.has(value)) continue;
    const guess = nearMiss(node, ctx.file.text, value, carried);
    if (guess) return guess;
  }
  return undefined;
}
