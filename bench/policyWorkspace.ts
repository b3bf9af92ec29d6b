/** Generated manifests for the lint benchmarks: a workload, and the Server and policies that admit a client to it. */

export function workload(ns: string, app: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
      annotations:
        linkerd.io/inject: enabled
        config.linkerd.io/proxy-cpu-request: 100m
    spec:
      serviceAccountName: ${app}
      containers:
        - name: ${app}
          image: example/${app}:1.0
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: http
`;
}

export function policies(ns: string, app: string, client: string): string[] {
  return [
    `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: ${app}-http
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: ${app}
  port: http
  proxyProtocol: HTTP/1
`,
    `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata:
  name: ${app}-clients
  namespace: ${ns}
spec:
  identities: ["${client}.${ns}.serviceaccount.identity.linkerd.cluster.local"]
`,
    `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: ${app}-authz
  namespace: ${ns}
spec:
  targetRef:
    group: policy.linkerd.io
    kind: Server
    name: ${app}-http
  requiredAuthenticationRefs:
    - group: policy.linkerd.io
      kind: MeshTLSAuthentication
      name: ${app}-clients
`,
    `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}
  namespace: ${ns}
`,
  ];
}
