import { nodeAt, scalarText } from '../../../yaml/manifest';
import { attachesTo } from '../../model/servers';
import { readSelector, selects } from '../../model/selector';
import { keyOf, readRef, refIs, stringMapAt } from '../../read';
import type { Rule, RuleContext } from '../../rule';
import { GATEWAY, isKind, POLICY } from '../../kinds';

export const MA307: Rule = {
  code: 'MA307',
  name: 'server-no-authorization',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A Server has no authorization and denies by default, so all traffic to its port is refused.',
  workspace: true,
  check(ctx) {
    if (!isKind(ctx, POLICY, 'Server') || ctx.name === undefined) return;
    const mode = scalarText(nodeAt(ctx.doc, ctx.spec, ['accessPolicy'])) ?? 'deny';
    if (mode !== 'deny' || isAuthorized(ctx, ctx.name)) return;
    ctx.report(
      keyOf(ctx.doc, ctx.root, ['metadata', 'name']) ?? ctx.root,
      `No AuthorizationPolicy or ServerAuthorization in namespace '${ctx.namespace}' applies to Server '${ctx.name}', and its access policy is deny: all traffic to this port will be denied. Add an AuthorizationPolicy targeting it, or set accessPolicy: audit while authoring policies.`,
    );
  },
};

function isAuthorized(ctx: RuleContext, server: string): boolean {
  const ns = ctx.namespace;
  const w = ctx.workspace;
  const routesOfServer = new Set<string>();
  for (const [group, kind] of [[POLICY, 'HTTPRoute'], [GATEWAY, 'HTTPRoute'], [GATEWAY, 'GRPCRoute']] as const) {
    for (const route of w.list(ns, group, kind)) if (attachesTo(route, server)) routesOfServer.add(`${group}/${kind}/${route.name}`);
  }
  for (const policy of w.list(ns, POLICY, 'AuthorizationPolicy')) {
    const target = nodeAt(policy.doc, policy.root, ['spec', 'targetRef']);
    if (!target) continue;
    const ref = readRef(policy.doc, target);
    if (refIs(ref, POLICY, 'Server') && ref.name === server) return true;
    if (refIs(ref, '', 'Namespace') && ref.name === ns) return true;
    for (const group of [POLICY, GATEWAY]) {
      if (ref.kind && refIs(ref, group, ref.kind) && routesOfServer.has(`${group}/${ref.kind}/${ref.name}`)) return true;
    }
  }
  const labels = stringMapAt(ctx.doc, ctx.root, ['metadata', 'labels']);
  return w.list(ns, POLICY, 'ServerAuthorization').some((sa) => {
    if (scalarText(nodeAt(sa.doc, sa.root, ['spec', 'server', 'name'])) === server) return true;
    const selector = readSelector(sa.doc, nodeAt(sa.doc, sa.root, ['spec', 'server', 'selector']));
    return selector !== undefined && selects(selector, labels);
  });
}
