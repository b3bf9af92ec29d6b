/**
 * Words for what the proxy's authorization labels name, for the panel and its messages. The proxy labels a
 * Server `server` and an authorization by its lower-case kind, routes by their kind (linkerd2-proxy
 * linkerd/app/inbound/src/metrics/authz.rs; policy-controller grpc/src/inbound.rs); a default policy is
 * `kind="default"`, named after the policy (policy-controller k8s/index/src/defaults.rs).
 */
import type { DefaultPolicyName } from './defaults';

const WRITTEN = new Map(['Server', 'AuthorizationPolicy', 'ServerAuthorization', 'HTTPRoute', 'GRPCRoute'].map((k) => [k.toLowerCase(), k]));

/** The kind as people write it in YAML. */
export function writtenKind(labelKind: string): string {
  return WRITTEN.get(labelKind.toLowerCase()) ?? labelKind;
}

/** Whom each default policy admits (defaults.ts defaultAuthorization decides it). */
export const DEFAULT_POLICY_ADMITS: Readonly<Record<DefaultPolicyName, string>> = {
  'all-unauthenticated': 'admits every client',
  'all-authenticated': 'admits clients with a mesh identity',
  'cluster-unauthenticated': 'admits clients in the cluster networks',
  'cluster-authenticated': 'admits clients in the cluster networks with a mesh identity',
  deny: 'admits no one',
  audit: 'admits every client, and logs those it would deny',
};
