import assert from 'node:assert/strict';
import { valueCompletionAt } from '../../../src/core/lint/valueCompletion';
import { parseManifest } from '../../../src/core/yaml/manifest';

/** Completes at the `|` in the text; returns the values offered and the text they would replace. */
function complete(marked: string): { values: string[]; replaces: string; field: string } | undefined {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const c = valueCompletionAt(parseManifest(text), offset);
  return c && { values: c.choices.map((x) => x.value), replaces: text.slice(c.start, c.end), field: c.field };
}

const SERVER = (protocol: string) => `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: web-http
spec:
  podSelector:
    matchLabels: { app: web }
  port: http
  proxyProtocol: ${protocol}
`;

describe('value completion from the schema catalogue', () => {
  it('offers the protocols the webhook accepts for Server proxyProtocol, with nothing typed or a prefix typed', () => {
    assert.deepEqual(complete(SERVER('|')), { values: ['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS'], replaces: '', field: 'spec.proxyProtocol' });
    assert.deepEqual(complete(SERVER('HT|'))?.replaces, 'HT');
  });

  it('offers schema enums (a path match type in a route rule), and marks the default', () => {
    const route = `apiVersion: policy.linkerd.io/v1beta3
kind: HTTPRoute
metadata: { name: r }
spec:
  parentRefs: [{ group: policy.linkerd.io, kind: Server, name: web-http }]
  rules:
    - matches:
        - path:
            type: |
            value: /api
`;
    const offset = route.indexOf('|');
    const c = valueCompletionAt(parseManifest(route.replace('|', '')), offset)!;
    assert.deepEqual(c.choices.map((x) => x.value), ['Exact', 'PathPrefix', 'RegularExpression']);
    assert.deepEqual(c.choices.filter((x) => x.isDefault).map((x) => x.value), ['PathPrefix']);
  });

  it('offers target kinds and groups, narrowed by the other field of the same reference', () => {
    const policy = (ref: string) => `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata: { name: p }
spec:
  targetRef:
${ref}
  requiredAuthenticationRefs:
    - kind: Mesh
`;
    assert.deepEqual(complete(policy('    kind: |\n    name: web'))?.values, ['Server', 'Namespace', 'HTTPRoute', 'GRPCRoute']);
    assert.deepEqual(complete(policy('    group: policy.linkerd.io\n    kind: |'))?.values, ['Server', 'HTTPRoute']);
    assert.deepEqual(complete(policy('    kind: HTTPRoute\n    group: |'))?.values, ['policy.linkerd.io', 'gateway.networking.k8s.io']);
    assert.deepEqual(complete(policy('    kind: Server').replace('kind: Mesh', 'kind: Mesh|'))?.values, ['MeshTLSAuthentication', 'NetworkAuthentication', 'ServiceAccount']);
  });

  it('offers route parent kinds in list items', () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  parentRefs:
    - name: web
      kind: |
`;
    assert.deepEqual(complete(route)?.values, ['Server', 'Service', 'EgressNetwork', 'Gateway']);
  });

  it('offers nothing for free-text fields, unknown kinds, or keys', () => {
    assert.equal(complete(SERVER('HTTP/1').replace('port: http', 'port: |')), undefined);
    assert.equal(complete('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n'), undefined);
    assert.equal(complete(SERVER('HTTP/1').replace('  port:', '  |port:')), undefined);
  });
});
