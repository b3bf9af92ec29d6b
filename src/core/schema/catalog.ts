import { authorizationPolicy, egressNetwork, httpLocalRateLimitPolicy, meshTLSAuthentication, networkAuthentication, server, serverAuthorization } from './policyKinds';
import { gatewayHTTPRoute, grpcRoute, policyHTTPRoute, tcpRoute, tlsRoute } from './routeKinds';
import { serviceProfile } from './serviceProfileKind';
import type { KindDefinition, KindVersion } from './types';
import { externalWorkload } from './workloadKinds';

/** Every custom resource kind Meshaware knows the schema of: the one source of truth for lint and CRDs. */
export const KINDS: readonly KindDefinition[] = [
  server,
  serverAuthorization,
  authorizationPolicy,
  meshTLSAuthentication,
  networkAuthentication,
  policyHTTPRoute,
  httpLocalRateLimitPolicy,
  egressNetwork,
  externalWorkload,
  serviceProfile,
  gatewayHTTPRoute,
  grpcRoute,
  tlsRoute,
  tcpRoute,
];

/** Groups Linkerd owns: every kind in them is expected to be in the catalogue. */
export const LINKERD_GROUPS: ReadonlySet<string> = new Set(['linkerd.io', 'policy.linkerd.io', 'workload.linkerd.io']);

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function findKind(group: string, kind: string): KindDefinition | undefined {
  return KINDS.find((k) => k.group === group && k.kind === kind);
}

export function findVersion(def: KindDefinition, version: string): KindVersion | undefined {
  return def.versions.find((v) => v.name === version);
}

export function storageVersion(def: KindDefinition): KindVersion {
  return def.versions.find((v) => v.storage) ?? def.versions[def.versions.length - 1];
}
