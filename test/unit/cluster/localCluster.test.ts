import * as assert from 'node:assert/strict';
import { classifyContext, isLocalHost, isPrivateAddress } from '../../../src/core/cluster/localCluster';

describe('local-cluster detection', () => {
  const cases: [string, string | undefined, string, boolean, string | undefined][] = [
    ['kind-kind', 'kind-kind', 'https://127.0.0.1:40123', true, 'kind'],
    ['k3d-k3s-default', 'k3d-k3s-default', 'https://0.0.0.0:6550', true, 'k3d'],
    ['k3d-dev', undefined, 'https://host.docker.internal:6443', true, 'k3d'],
    ['minikube', 'minikube', 'https://127.0.0.1:32771', true, 'minikube'],
    ['docker-desktop', 'docker-desktop', 'https://kubernetes.docker.internal:6443', true, 'docker-desktop'],
    ['rancher-desktop', 'rancher-desktop', 'https://127.0.0.1:6443', true, 'rancher-desktop'],
    ['orbstack', 'orbstack', 'https://127.0.0.1:26443', true, 'orbstack'],
    ['colima', 'colima', 'https://127.0.0.1:6443', true, 'colima'],
    ['microk8s', 'microk8s-cluster', 'https://127.0.0.1:16443', true, 'microk8s'],
    ['my-renamed', undefined, 'https://[::1]:6443', true, 'loopback'],
    ['prod', 'prod', 'https://prod.example.com:6443', false, undefined],
    ['kind-prod', 'kind-prod', 'https://34.1.2.3:6443', false, undefined],
    ['minikube', 'minikube', 'https://192.168.49.2:8443', false, undefined],
  ];
  for (const [ctx, cluster, server, local, flavour] of cases) {
    it(`${ctx} at ${server} is ${local ? flavour : 'remote'}`, () => {
      const v = classifyContext({ contextName: ctx, clusterName: cluster, server });
      assert.equal(v.local, local, v.reason);
      assert.equal(v.flavour, flavour);
      assert.ok(v.reason.length > 10);
    });
  }

  it('a renamed minikube VM on a private address is local through its node labels', () => {
    const v = classifyContext({ contextName: 'laptop', server: 'https://192.168.49.2:8443' }, [{ name: 'minikube', labels: { 'minikube.k8s.io/name': 'minikube' } }]);
    assert.deepEqual([v.local, v.flavour], [true, 'minikube']);
  });

  it('node facts never make a public address local', () => {
    const v = classifyContext({ contextName: 'x', server: 'https://34.1.2.3:6443' }, [{ name: 'k3d-x-server-0' }]);
    assert.equal(v.local, false);
  });

  it('names a remote kind-looking context honestly', () => {
    assert.match(classifyContext({ contextName: 'kind-prod', server: 'https://34.1.2.3' }).reason, /looks like kind/);
  });

  it('knows loopback and private ranges', () => {
    for (const h of ['127.0.0.1', '127.8.9.10', 'localhost', '[::1]', '0.0.0.0']) assert.ok(isLocalHost(h), h);
    for (const h of ['10.0.0.1', '8.8.8.8', 'example.com', '128.0.0.1']) assert.ok(!isLocalHost(h), h);
    for (const h of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', 'fd00::1']) assert.ok(isPrivateAddress(h), h);
    for (const h of ['172.32.0.1', '11.0.0.1', '192.169.0.1']) assert.ok(!isPrivateAddress(h), h);
  });
});
