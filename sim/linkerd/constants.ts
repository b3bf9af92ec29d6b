export const CONTROL_PLANE_NS = 'linkerd';
export const TRUST_DOMAIN = 'cluster.local';
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

/**
 * The version a simulated Linkerd container reports: its image tag, so a proxy reports what the injector
 * (from linkerd-config's values) put in the pod, and an upgraded control plane the new release.
 */
export function versionOf(pod: { spec: { containers: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] } }, container: string): string {
  const image = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === container)?.image ?? '';
  return image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'unknown';
}
