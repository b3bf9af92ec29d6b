import assert from 'node:assert/strict';
import { definitionsAt, referencesAt } from '../../../src/core/lint/model/navigation';
import { WorkspaceModel } from '../../../src/core/lint/model/workspace';
import { ResourceIndex } from '../../../src/core/workspace/resourceIndex';
import { parseManifest } from '../../../src/core/yaml/manifest';

const FILES: Record<string, string> = {
  'server.yaml': `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: web-http
  namespace: emojivoto
spec:
  podSelector: { matchLabels: { app: web } }
  port: http
`,
  'policy.yaml': `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: web-authz
  namespace: emojivoto
spec:
  targetRef:
    group: policy.linkerd.io
    kind: Server
    name: web-http
  requiredAuthenticationRefs:
    - { group: policy.linkerd.io, kind: MeshTLSAuthentication, name: web-clients }
---
apiVersion: policy.linkerd.io/v1beta3
kind: HTTPRoute
metadata:
  name: web-route
  namespace: emojivoto
spec:
  parentRefs:
    - { group: policy.linkerd.io, kind: Server, name: "web-http" }
---
apiVersion: policy.linkerd.io/v1beta3
kind: HTTPRoute
metadata:
  name: other-ns-route
  namespace: other
spec:
  parentRefs:
    - { group: policy.linkerd.io, kind: Server, name: web-http }
`,
  'authn.yaml': `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata:
  name: web-clients
  namespace: emojivoto
spec:
  identities: ["*"]
`,
};

function workspace(): WorkspaceModel {
  const index = new ResourceIndex();
  for (const [uri, text] of Object.entries(FILES)) index.setFile(uri, parseManifest(text));
  return new WorkspaceModel(index);
}

const at = (uri: string, text: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = FILES[uri].indexOf(text, i + 1);
  assert.ok(i >= 0, `${text} not in ${uri}`);
  return i + 1;
};
const where = (places: readonly { uri: string; range: { start: { line: number; character: number } } }[]) => places.map((p) => `${p.uri}:${p.range.start.line + 1}:${p.range.start.character + 1}`);

describe('policy navigation (definition and references)', () => {
  it('goes from a reference to the metadata.name of the object it names, in another file', () => {
    const w = workspace();
    assert.deepEqual(where(definitionsAt(w, 'policy.yaml', at('policy.yaml', 'web-http'))), ['server.yaml:4:9']);
    assert.deepEqual(where(definitionsAt(w, 'policy.yaml', at('policy.yaml', 'web-clients'))), ['authn.yaml:4:9']);
    // Quoted names, and a cursor right after the last character.
    const quoted = FILES['policy.yaml'].indexOf('"web-http"');
    assert.deepEqual(where(definitionsAt(w, 'policy.yaml', quoted + '"web-http"'.length)), ['server.yaml:4:9']);
  });

  it('has no definition for a name that is not a reference, or a reference that resolves to nothing', () => {
    const w = workspace();
    assert.deepEqual(definitionsAt(w, 'policy.yaml', at('policy.yaml', 'web-authz')), []);
    assert.deepEqual(definitionsAt(w, 'policy.yaml', at('policy.yaml', 'kind: Server')), []);
    // The route in namespace 'other' names a Server there, which does not exist.
    assert.deepEqual(definitionsAt(w, 'policy.yaml', at('policy.yaml', 'web-http', 2)), []);
  });

  it('finds every reference to an object from its metadata.name, across files and only in its namespace', () => {
    const w = workspace();
    const fromName = referencesAt(w, 'server.yaml', at('server.yaml', 'web-http'), false);
    assert.deepEqual(where(fromName), ['policy.yaml:10:11', 'policy.yaml:21:55']);
    assert.deepEqual(where(referencesAt(w, 'server.yaml', at('server.yaml', 'web-http'), true)), ['server.yaml:4:9', 'policy.yaml:10:11', 'policy.yaml:21:55']);
    // From one reference, the same list.
    assert.deepEqual(where(referencesAt(w, 'policy.yaml', at('policy.yaml', 'web-http', 1), false)), where(fromName));
  });
});
