/**
 * The proxy labels a Server `server` and an authorization by its lower-case kind, routes by their kind
 * (linkerd2-proxy linkerd/app/inbound/src/metrics/authz.rs; policy-controller grpc/src/inbound.rs): the kind as
 * people write it in YAML, for the panel and its messages.
 */
const WRITTEN = new Map(['Server', 'AuthorizationPolicy', 'ServerAuthorization', 'HTTPRoute', 'GRPCRoute'].map((k) => [k.toLowerCase(), k]));

export function writtenKind(labelKind: string): string {
  return WRITTEN.get(labelKind.toLowerCase()) ?? labelKind;
}
