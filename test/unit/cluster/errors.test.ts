import * as assert from 'node:assert/strict';
import { fromHttpStatus, fromNetworkError } from '../../../src/core/cluster/errors';
import { redactQuery } from '../../../src/core/cluster/transport';
import { kubeconfigFiles } from '../../../src/core/cluster/kubeconfig';

describe('cluster errors', () => {
  it('403 names the missing verb and resource and what to do', () => {
    const e = fromHttpStatus(403, { message: 'forbidden: User "dev" cannot create resource "customresourcedefinitions"' }, 'create', 'customresourcedefinitions.apiextensions.k8s.io', 'kind-kind');
    assert.equal(e.kind, 'forbidden');
    assert.match(e.userMessage, /may not create customresourcedefinitions/);
    assert.match(e.userMessage, /RBAC permission to "create"/);
  });

  it('maps each status to an actionable kind', () => {
    const kinds = [401, 404, 409, 422, 504, 500].map((s) => fromHttpStatus(s, undefined, 'get', 'x', 'c').kind);
    assert.deepEqual(kinds, ['unauthorized', 'notFound', 'conflict', 'invalid', 'timeout', 'server']);
    assert.match(fromHttpStatus(401, undefined, 'get', 'x', 'c').hint, /expired/);
  });

  it('tells unreachable clusters from certificate problems', () => {
    const down = fromNetworkError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'kind-kind', 'https://127.0.0.1:1');
    assert.equal(down.code, 'unreachable');
    assert.match(down.userMessage, /Is the cluster running/);
    const cert = fromNetworkError(Object.assign(new Error('self signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'kind-kind', 'https://127.0.0.1:1');
    assert.equal(cert.code, 'certificate');
    assert.match(cert.userMessage, /certificate-authority/);
  });

  it('never logs credentials from query strings', () => {
    assert.equal(redactQuery('/api/v1/pods?labelSelector=app%3Dweb&token=abc'), '/api/v1/pods?labelSelector=app%3Dweb&token=<redacted>');
    assert.equal(redactQuery('/version'), '/version');
  });

  it('reads KUBECONFIG lists like kubectl, else ~/.kube/config', () => {
    assert.deepEqual(kubeconfigFiles({ KUBECONFIG: '/a:/b::' }, '/home/u'), ['/a', '/b']);
    assert.deepEqual(kubeconfigFiles({}, '/home/u'), ['/home/u/.kube/config']);
  });
});
