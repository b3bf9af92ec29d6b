import { keyOf } from '../read';
import { resolvePort, selectedWorkloads, serverPort, serverSpec } from '../model/servers';
import type { Rule } from '../rule';
import { isKind, POLICY } from './kinds';

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
    if (!port) return;
    const mine = selectedWorkloads(ctx.workspace, ctx.doc, ctx.spec, ctx.namespace);
    if (!mine.length) return;
    for (const other of ctx.workspace.list(ctx.namespace, POLICY, 'Server')) {
      if (other.root === ctx.root) continue;
      const otherPort = serverPort(other.doc, serverSpec(other));
      if (!otherPort) continue;
      const theirs = new Set(selectedWorkloads(ctx.workspace, other.doc, serverSpec(other), ctx.namespace));
      for (const w of mine) {
        if (!theirs.has(w)) continue;
        const shared = resolvePort(port, w.pod!).filter((p) => resolvePort(otherPort, w.pod!).includes(p));
        if (!shared.length) continue;
        ctx.report(keyOf(ctx.doc, ctx.spec, ['port']) ?? ctx.spec!, `Server '${other.name}' also selects port ${shared[0]} of ${w.kind} '${w.name}': Linkerd uses only the older of the two and skips the other for that port. Merge them or make their selectors or ports disjoint.`);
        break;
      }
    }
  },
};
