/**
 * The default inbound policies and where a pod's comes from, after Linkerd's policy controller
 * (policy-controller/k8s/index/src/defaults.rs and inbound/workload.rs): `all-unauthenticated`,
 * `all-authenticated`, `cluster-unauthenticated`, `cluster-authenticated`, `deny` and `audit`.
 */
import { ALL_NETWORKS, networksOf, type ClientMatch } from './clientMatch';
import type { ClusterPolicySettings } from './types';

export const DEFAULT_POLICIES = ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'] as const;
export type DefaultPolicyName = (typeof DEFAULT_POLICIES)[number];

export const DEFAULT_POLICY_ANNOTATION = 'config.linkerd.io/default-inbound-policy';
export const REQUIRE_IDENTITY_ANNOTATION = 'config.linkerd.io/proxy-require-identity-inbound-ports';
export const OPAQUE_PORTS_ANNOTATION = 'config.linkerd.io/opaque-ports';

export const DEFAULT_SETTINGS: ClusterPolicySettings = {
  // The chart's proxy.defaultInboundPolicy and clusterNetworks (src/core/controlplane/manifests/defaults.ts holds the same values for install).
  defaultPolicy: 'all-unauthenticated',
  clusterNetworks: ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16', 'fd00::/8'],
  controlPlaneNamespace: 'linkerd',
  identityDomain: 'cluster.local',
};

export function isDefaultPolicy(s: string | undefined): s is DefaultPolicyName {
  return (DEFAULT_POLICIES as readonly string[]).includes(s ?? '');
}

/**
 * The authorization a default policy grants (none for `deny`); `audit` admits everyone and marks it.
 * `requireIdentity` is a port listed in the require-identity annotation, which makes an allow policy authenticated.
 */
export function defaultAuthorization(policy: DefaultPolicyName, settings: ClusterPolicySettings, requireIdentity = false): ClientMatch | undefined {
  if (policy === 'deny') return undefined;
  if (policy === 'audit') return { networks: ALL_NETWORKS, authentication: { kind: 'unauthenticated' } };
  const authenticated = requireIdentity || policy.endsWith('-authenticated');
  return {
    networks: policy.startsWith('cluster-') ? networksOf(settings.clusterNetworks) : ALL_NETWORKS,
    authentication: authenticated ? { kind: 'identities', exact: new Set(), suffixes: [''] } : { kind: 'unauthenticated' },
  };
}

/** The identity Linkerd gives a ServiceAccount's pods, and the suffix for a whole namespace's. */
export function serviceAccountIdentity(settings: ClusterPolicySettings, namespace: string, name: string): string {
  return `${name}.${namespace}.serviceaccount.identity.${settings.controlPlaneNamespace}.${settings.identityDomain}`;
}

export function namespaceIdentity(settings: ClusterPolicySettings, namespace: string): string {
  return `*.${namespace}.serviceaccount.identity.${settings.controlPlaneNamespace}.${settings.identityDomain}`;
}

/** Ports listed in an annotation such as `25,587,4000-4100`. */
export function portListHas(list: string | undefined, port: number): boolean {
  if (!list) return false;
  return list.split(',').some((part) => {
    const [lo, hi] = part.trim().split('-').map(Number);
    return hi === undefined ? lo === port : port >= lo && port <= hi;
  });
}
