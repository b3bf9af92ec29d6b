/** The Linkerd release the simulated control plane behaves like (2.20 or later: native sidecars by default). */
export const LINKERD_VERSION = 'edge-26.8.3';
export const CONTROL_PLANE_NS = 'linkerd';
export const TRUST_DOMAIN = 'cluster.local';
export const PROXY_IMAGE = 'cr.l5d.io/linkerd/proxy';
export const ADMIN_PORT = 4191;
export const INBOUND_PORT = 4143;
export const PROXY_UID = 2102;
/** Ports of server-speaks-first protocols the injector marks opaque by default. */
export const DEFAULT_OPAQUE_PORTS = [25, 587, 3306, 4444, 5432, 6379, 9300, 11211];
export const DEFAULT_INBOUND_POLICY = 'all-unauthenticated';

export const ISSUER_SECRET = 'linkerd-identity-issuer';
export const TRUST_ROOTS_CONFIGMAP = 'linkerd-identity-trust-roots';

export function identityOf(serviceAccount: string, namespace: string): string {
  return `${serviceAccount}.${namespace}.serviceaccount.identity.${CONTROL_PLANE_NS}.${TRUST_DOMAIN}`;
}
