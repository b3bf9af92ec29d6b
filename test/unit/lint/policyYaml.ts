/** Policy manifests the lint tests share, laid out as people write them (block style, one field a line). */

/** Server web-http in emojivoto for pods labelled app=web, in audit mode; `port` on line 10, `extra` appended. */
export const server = (port: string, extra = '') => `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: web-http
  namespace: emojivoto
spec:
  podSelector:
    matchLabels:
      app: web
  port: ${port}
  accessPolicy: audit
${extra}`;

export interface AuthenticationRef {
  readonly kind: string;
  readonly name: string;
  /** As written after `group:`; Linkerd's group when left out. */
  readonly group?: string;
}

/** An AuthorizationPolicy for a Server: `targetRef.name` on line 10, the first authentication's name on line 14. */
export function authorizationPolicy(target: string, authentications: readonly AuthenticationRef[] = [], name = 'web-authz', namespace = 'emojivoto'): string {
  const refs = authentications.map((r) => `    - group: ${r.group ?? 'policy.linkerd.io'}\n      kind: ${r.kind}\n      name: ${r.name}\n`).join('');
  return `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  targetRef:
    group: policy.linkerd.io
    kind: Server
    name: ${target}
  requiredAuthenticationRefs:${refs ? `\n${refs}` : ' []\n'}`;
}

/** A MeshTLSAuthentication that admits every meshed client. */
export function meshTLSAuthentication(name: string, namespace = 'emojivoto'): string {
  return `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  identities: ["*"]
`;
}
