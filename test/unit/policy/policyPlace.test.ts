import { strict as assert } from 'node:assert';
import { writtenKind } from '../../../src/core/policy/policyLabels';
import { defaultPolicySource, objectPlace, policyObjects } from '../../../src/core/policy/policyPlace';
import { ResourceIndex } from '../../../src/core/workspace/resourceIndex';
import { parseManifest } from '../../../src/core/yaml/manifest';

// Open policy from the Live Traffic panel: the proxy's labels (lower-case kinds for Servers and authorizations)
// find the object in the workspace, and a default policy finds the annotation that sets it.
const POLICY = `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: web-http
  namespace: emojivoto
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: web-http
  namespace: emojivoto
---
apiVersion: example.com/v1
kind: Server
metadata:
  name: web-http
  namespace: emojivoto
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web-routes
`;
const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: emojivoto
spec:
  template:
    metadata:
      annotations:
        config.linkerd.io/default-inbound-policy: all-authenticated
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: voting
  namespace: emojivoto
---
apiVersion: v1
kind: Namespace
metadata:
  name: emojivoto
  annotations:
    config.linkerd.io/default-inbound-policy: deny
`;

describe('where a policy the proxy named is written (Open policy)', () => {
  const index = new ResourceIndex();
  index.setFile('file:///policy.yaml', parseManifest(POLICY));
  index.setFile('file:///workloads.yaml', parseManifest(WORKLOADS));
  const text = (uri: string, start: number, end: number) => (uri.endsWith('policy.yaml') ? POLICY : WORKLOADS).slice(start, end);

  it('finds an object by the proxy\'s kind label, in Linkerd\'s and Gateway API\'s groups only, at its name', () => {
    const servers = policyObjects(index.resources(), { kind: 'server', name: 'web-http' }, 'emojivoto');
    assert.deepEqual(servers.map((r) => `${r.apiVersion} ${r.kind}`), ['policy.linkerd.io/v1beta3 Server']);
    const place = objectPlace(servers[0]);
    assert.equal(text(place.resource.uri, place.start, place.end), 'web-http');
    assert.deepEqual(policyObjects(index.resources(), { kind: 'authorizationpolicy', name: 'web-http' }, 'emojivoto').map((r) => r.kind), ['AuthorizationPolicy']);
    assert.deepEqual(policyObjects(index.resources(), { kind: 'server', name: 'web-http' }, 'other'), [], 'not in another namespace');
    assert.deepEqual(policyObjects(index.resources(), { kind: 'HTTPRoute', name: 'web-routes' }, 'emojivoto').map((r) => r.name), ['web-routes'], 'written without a namespace');
  });

  it("finds a default policy on the pod template, else on the Namespace, else it is the cluster's", () => {
    const web = defaultPolicySource(index.resources(), { kind: 'Deployment', name: 'web', namespace: 'emojivoto' });
    assert.ok(web.where === 'workload');
    assert.equal(text(web.place.resource.uri, web.place.start, web.place.end), 'config.linkerd.io/default-inbound-policy: all-authenticated');
    const voting = defaultPolicySource(index.resources(), { kind: 'Deployment', name: 'voting', namespace: 'emojivoto' });
    assert.ok(voting.where === 'namespace');
    assert.equal(text(voting.place.resource.uri, voting.place.start, voting.place.end), 'config.linkerd.io/default-inbound-policy: deny');
    assert.deepEqual(defaultPolicySource(index.resources(), { kind: 'Deployment', name: 'web', namespace: 'legacy' }), { where: 'cluster' });
  });

  it('names kinds as they are written', () => {
    assert.deepEqual(['server', 'authorizationpolicy', 'serverauthorization', 'HTTPRoute', 'default'].map(writtenKind), ['Server', 'AuthorizationPolicy', 'ServerAuthorization', 'HTTPRoute', 'default']);
  });
});
