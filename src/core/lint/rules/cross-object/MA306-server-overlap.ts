import { keyOf } from '../../read';
import { resolvePort, serverPort, serverSpec } from '../../model/servers';
import type { ModelObject } from '../../model/workspace';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA306: Rule = {
  code: 'MA306',
  name: 'server-overlap',
  category: 'cross-object',
  severity: 'warning',
  summary: 'Two Servers select the same pod and port; only the oldest takes effect.',
  workspace: true,
  check(ctx) {
    if (!isKind(ctx, POLICY, 'Server')) return;
    const port = serverPort(ctx.doc, ctx.spec);
    const self = ctx.workspace.objectAt(ctx.root);
    if (!port || !self) return;
    const selections = ctx.workspace.selectionsIn(ctx.namespace);
    // Each other Server once: the first workload both select on a shared port is the example given.
    const reported = new Set<ModelObject>();
    for (const w of selections.selectedBy(self)) {
      for (const other of selections.serversSelecting(w)) {
        if (other === self || reported.has(other)) continue;
        const otherPort = serverPort(other.doc, serverSpec(other));
        if (!otherPort) continue;
        const shared = resolvePort(port, w.pod!).filter((p) => resolvePort(otherPort, w.pod!).includes(p));
        if (!shared.length) continue;
        reported.add(other);
        ctx.report(keyOf(ctx.doc, ctx.spec, ['port']) ?? ctx.spec!, `Server '${other.name}' also selects port ${shared[0]} of ${w.kind} '${w.name}': Linkerd uses only the older of the two and skips the other for that port. Merge them or make their selectors or ports disjoint.`);
      }
    }
  },
};
