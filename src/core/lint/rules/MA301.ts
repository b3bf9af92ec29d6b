import type { Node } from 'yaml';
import { nodeAt } from '../../yaml/manifest';
import { listAt, normalGroup, readRef, refIs, type Ref } from '../read';
import type { Rule, RuleContext } from '../rule';
import { GATEWAY, isKind, parentDefaultGroup, POLICY, routeFlavor } from './kinds';

/** Kinds a reference may point at, with the group they live in and what happens when they are missing. */
const POLICY_KINDS = new Set(['Server', 'MeshTLSAuthentication', 'NetworkAuthentication', 'EgressNetwork', 'HTTPRoute']);

export const MA301: Rule = {
  code: 'MA301',
  name: 'unresolved-reference',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A reference names an object that is not in the workspace.',
  workspace: true,
  check(ctx) {
    const own = ctx.namespace;
    if (isKind(ctx, POLICY, 'AuthorizationPolicy')) {
      const target = nodeAt(ctx.doc, ctx.spec, ['targetRef']);
      if (target) resolve(ctx, readRef(ctx.doc, target), own, 'the policy has no effect');
      for (const n of listAt(ctx.doc, ctx.spec, ['requiredAuthenticationRefs'])) {
        const ref = readRef(ctx.doc, n);
        resolve(ctx, ref, ref.namespace ?? own, 'Linkerd ignores the whole AuthorizationPolicy, so this traffic stays denied');
      }
    } else if (isKind(ctx, POLICY, 'MeshTLSAuthentication')) {
      for (const n of listAt(ctx.doc, ctx.spec, ['identityRefs'])) {
        const ref = readRef(ctx.doc, n);
        if (refIs(ref, '', 'ServiceAccount') && ref.name !== 'default') resolve(ctx, ref, ref.namespace ?? own, 'no client can present that identity');
      }
    } else if (isKind(ctx, POLICY, 'ServerAuthorization')) {
      const name = nodeAt(ctx.doc, ctx.spec, ['server', 'name']);
      if (name) resolve(ctx, { node: name, group: POLICY, kind: 'Server', name: String((name as { value?: unknown }).value), namespace: undefined, port: undefined, kindNode: undefined, nameNode: name }, own, 'the authorization has no effect');
    } else if (isKind(ctx, POLICY, 'HTTPLocalRateLimitPolicy')) {
      const target = nodeAt(ctx.doc, ctx.spec, ['targetRef']);
      if (target) resolve(ctx, readRef(ctx.doc, target), own, 'no rate limit applies');
    } else if (routeFlavor(ctx) && ctx.linkerdRelevant) {
      for (const n of listAt(ctx.doc, ctx.spec, ['parentRefs'])) {
        const ref = readRef(ctx.doc, n);
        const group = normalGroup(ref.group, parentDefaultGroup(ctx));
        resolve(ctx, { ...ref, group }, ref.namespace ?? own, 'the route does not attach (status NoMatchingParent)');
      }
    }
  },
};

function resolve(ctx: RuleContext, ref: Ref, namespace: string, consequence: string): void {
  if (ref.name === undefined || ref.kind === undefined) return;
  const group = normalGroup(ref.group);
  const kind = ref.kind;
  // Objects the workspace may legitimately not hold (Services, ServiceAccounts) are only checked where it
  // holds the namespace's workloads; Linkerd's own objects usually travel together, so those are always checked.
  const policyKind = (group === POLICY && POLICY_KINDS.has(kind)) || (group === GATEWAY && (kind === 'HTTPRoute' || kind === 'GRPCRoute'));
  const coreKind = group === '' && (kind === 'Service' || kind === 'ServiceAccount');
  if (!policyKind && !(coreKind && ctx.workspace.hasWorkloads(namespace))) return;
  if (ctx.workspace.find(namespace, group, kind, ref.name)) return;
  const at: Node = ref.nameNode ?? ref.node;
  ctx.report(at, `${kind} '${ref.name}' is not defined in namespace '${namespace}' in this workspace, so ${consequence}. Check the name and namespace, or add the ${kind}.`);
}
