import { GATEWAY, POLICY } from './kinds';

/**
 * Values Linkerd accepts for string fields its CRDs leave open (no `enum`): the policy webhook checks them
 * (policy-controller/runtime/src/admission.rs), so the admission rules and value completion read them here.
 */

/** Server `proxyProtocol`, exact case. */
export const SERVER_PROTOCOLS: readonly string[] = ['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS'];

/** Server `accessPolicy`: the default inbound policies, plus audit. */
export const DEFAULT_POLICIES: readonly string[] = ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'];

/** A kind a reference may name, with its group (`''` is the core group). */
export type GroupKind = readonly [group: string, kind: string];

/** What an AuthorizationPolicy may target. */
export const AUTHORIZATION_TARGETS: readonly GroupKind[] = [
  [POLICY, 'Server'],
  ['', 'Namespace'],
  [POLICY, 'HTTPRoute'],
  [GATEWAY, 'HTTPRoute'],
  [GATEWAY, 'GRPCRoute'],
];

/** What an AuthorizationPolicy may require. */
export const AUTHENTICATION_KINDS: readonly GroupKind[] = [
  [POLICY, 'MeshTLSAuthentication'],
  [POLICY, 'NetworkAuthentication'],
  ['', 'ServiceAccount'],
];

/** Route parents Linkerd acts on (a Gateway parent is any other gateway's business). */
export const LINKERD_PARENTS: readonly GroupKind[] = [
  [POLICY, 'Server'],
  ['', 'Service'],
  [POLICY, 'EgressNetwork'],
];

const ROUTE_PARENTS: readonly GroupKind[] = [...LINKERD_PARENTS, [GATEWAY, 'Gateway']];
const REFS: Readonly<Record<string, Readonly<Record<string, readonly GroupKind[]>>>> = {
  [`${POLICY}/AuthorizationPolicy`]: { 'spec.targetRef': AUTHORIZATION_TARGETS, 'spec.requiredAuthenticationRefs[]': AUTHENTICATION_KINDS },
  [`${POLICY}/HTTPLocalRateLimitPolicy`]: { 'spec.targetRef': [[POLICY, 'Server']] },
  [`${POLICY}/HTTPRoute`]: { 'spec.parentRefs[]': ROUTE_PARENTS },
  [`${GATEWAY}/HTTPRoute`]: { 'spec.parentRefs[]': ROUTE_PARENTS },
  [`${GATEWAY}/GRPCRoute`]: { 'spec.parentRefs[]': ROUTE_PARENTS },
  [`${GATEWAY}/TLSRoute`]: { 'spec.parentRefs[]': ROUTE_PARENTS },
  [`${GATEWAY}/TCPRoute`]: { 'spec.parentRefs[]': ROUTE_PARENTS },
};

/**
 * The accepted values of a field of a kind (`path` dotted from the object root, list items as `[]`). For a
 * reference's `kind` or `group`, `sibling` reads the other field of the same reference, so a written group
 * narrows the kinds offered and a written kind the groups.
 */
export function acceptedValues(group: string, kind: string, path: string, sibling: (field: string) => string | undefined): readonly string[] | undefined {
  if (group === POLICY && kind === 'Server') return path === 'spec.proxyProtocol' ? SERVER_PROTOCOLS : path === 'spec.accessPolicy' ? DEFAULT_POLICIES : undefined;
  const dot = path.lastIndexOf('.');
  const refs = REFS[`${group}/${kind}`]?.[path.slice(0, dot)];
  const field = path.slice(dot + 1);
  if (!refs || (field !== 'kind' && field !== 'group')) return undefined;
  const other = sibling(field === 'kind' ? 'group' : 'kind');
  const normal = (g: string) => (g === 'core' ? '' : g);
  const fitting = refs.filter(([g, k]) => other === undefined || (field === 'kind' ? normal(other) === g : other === k));
  const values = fitting.map(([g, k]) => (field === 'kind' ? k : g === '' ? 'core' : g));
  return [...new Set(values)];
}
