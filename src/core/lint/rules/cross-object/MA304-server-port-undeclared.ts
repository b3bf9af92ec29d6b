import { nodeAt } from '../../../yaml/manifest';
import { nearMiss } from '../../didYouMean';
import { resolvePort, selectedWorkloads, serverPort } from '../../model/servers';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA304: Rule = {
  code: 'MA304',
  name: 'server-port-undeclared',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A Server’s named port is declared by none of the containers it selects.',
  workspace: true,
  check(ctx) {
    if (!isKind(ctx, POLICY, 'Server')) return;
    const port = serverPort(ctx.doc, ctx.spec);
    if (!port || !('name' in port) || /^\d+$/.test(port.name)) return;
    const workloads = selectedWorkloads(ctx.workspace, ctx.workspace.objectAt(ctx.root));
    if (!workloads.length || workloads.some((w) => resolvePort(port, w.pod!).length > 0)) return;
    const declared = [...new Set(workloads.flatMap((w) => w.pod!.ports.map((p) => p.name).filter((n): n is string => !!n)))];
    const node = nodeAt(ctx.doc, ctx.spec, ['port'])!;
    const guess = nearMiss(node, ctx.file.text, port.name, declared);
    const hint = declared.length ? ` Declared names: ${declared.join(', ')}.${guess?.hint ?? ''}` : ' The selected containers declare no named ports.';
    ctx.report(node, `No selected container declares a TCP port named '${port.name}', so this Server selects no port and the default policy applies.${hint}`, guess?.fix);
  },
};
