import type { Node } from 'yaml';
import { listAt } from './read';
import type { RuleContext } from './rule';
import { nodeAt } from '../yaml/manifest';

/** Which kind an object is, in the terms rules share. */

export const POLICY = 'policy.linkerd.io';
export const GATEWAY = 'gateway.networking.k8s.io';

/** The part of an object that says what kind it is: a rule context or a workspace object. */
export type KindOf = Pick<RuleContext, 'group' | 'kind'>;

export function isKind(ctx: KindOf, group: string, kind: string): boolean {
  return ctx.group === group && ctx.kind === kind;
}

export type RouteFlavor = 'policy-http' | 'gateway-http' | 'grpc' | 'tls' | 'tcp';

/**
 * The route flavour of an object the policy webhook validates as a route: Linkerd's HTTPRoute and every
 * Gateway API route, whatever its parent (the webhook's rules match all of them; see the chart's
 * linkerd-policy-validator webhook configuration). Rules about what Linkerd then does with a route also
 * check `ctx.linkerdRelevant`.
 */
export function routeFlavor(ctx: KindOf): RouteFlavor | undefined {
  if (isKind(ctx, POLICY, 'HTTPRoute')) return 'policy-http';
  if (ctx.group !== GATEWAY) return undefined;
  switch (ctx.kind) {
    case 'HTTPRoute':
      return 'gateway-http';
    case 'GRPCRoute':
      return 'grpc';
    case 'TLSRoute':
      return 'tls';
    case 'TCPRoute':
      return 'tcp';
    default:
      return undefined;
  }
}

/** The default `group` of a route's parentRefs: where the policy and Gateway API routes differ. */
export function parentDefaultGroup(ctx: Pick<RuleContext, 'group'>): string {
  return ctx.group === POLICY ? POLICY : GATEWAY;
}

/** Every Network entry of an object (ServerAuthorization clients, NetworkAuthentication, EgressNetwork). */
export function networkEntries(ctx: RuleContext): Node[] {
  if (isKind(ctx, POLICY, 'ServerAuthorization')) return listAt(ctx.doc, ctx.spec, ['client', 'networks']);
  if (isKind(ctx, POLICY, 'NetworkAuthentication') || isKind(ctx, POLICY, 'EgressNetwork')) return listAt(ctx.doc, ctx.spec, ['networks']);
  return [];
}

/** Every label selector of an object that the policy controller parses. */
export function labelSelectors(ctx: RuleContext): Node[] {
  const at = (path: string[]) => nodeAt(ctx.doc, ctx.spec, path);
  const found = isKind(ctx, POLICY, 'Server') ? [at(['podSelector']), at(['externalWorkloadSelector'])] : isKind(ctx, POLICY, 'ServerAuthorization') ? [at(['server', 'selector'])] : [];
  return found.filter((n): n is Node => n !== undefined);
}

/**
 * The filters of every rule of a route, which the policy webhook validates; it does not look at backendRefs'
 * filters (`Validate<HttpRouteSpec>` and the Gateway routes' in policy-controller/runtime/src/admission.rs).
 */
export function ruleFilters(ctx: RuleContext): Node[] {
  return listAt(ctx.doc, ctx.spec, ['rules']).flatMap((rule) => listAt(ctx.doc, rule, ['filters']));
}

/** Every filter of a route: rule filters and backend filters, which the policy controller's index reads. */
export function routeFilters(ctx: RuleContext): Node[] {
  const out: Node[] = [];
  for (const rule of listAt(ctx.doc, ctx.spec, ['rules'])) {
    out.push(...listAt(ctx.doc, rule, ['filters']));
    for (const backend of listAt(ctx.doc, rule, ['backendRefs'])) out.push(...listAt(ctx.doc, backend, ['filters']));
  }
  return out;
}

/** Every match of every rule of a route. */
export function routeMatches(ctx: RuleContext): Node[] {
  return listAt(ctx.doc, ctx.spec, ['rules']).flatMap((rule) => listAt(ctx.doc, rule, ['matches']));
}
