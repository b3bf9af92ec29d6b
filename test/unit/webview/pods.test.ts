import { strict as assert } from 'node:assert';
import { identityOf, ownerOf, podMeta, type PodObject } from '../../../src/core/traffic/pods';

const meshedPod: PodObject = {
  metadata: {
    name: 'web-7f9c6d5b8-x2kq4',
    namespace: 'emojivoto',
    labels: { app: 'web', 'pod-template-hash': '7f9c6d5b8', 'linkerd.io/control-plane-ns': 'linkerd', 'linkerd.io/proxy-deployment': 'web' },
    ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7f9c6d5b8', controller: true }],
  },
  spec: {
    serviceAccountName: 'web',
    containers: [{ name: 'web-svc' }],
    // Native sidecar, as Linkerd 2.20 injects by default.
    initContainers: [{ name: 'linkerd-proxy', env: [{ name: 'LINKERD2_PROXY_IDENTITY_LOCAL_NAME', value: '$(_pod_sa).$(_pod_ns).serviceaccount.identity.linkerd.cluster.local' }] }],
  },
  status: { phase: 'Running', podIP: '10.244.0.30' },
};

describe('pod metadata for the proxy source', () => {
  it('resolves a meshed pod with a native-sidecar proxy: owner, identity, IP', () => {
    assert.deepEqual(podMeta(meshedPod, 'linkerd'), {
      namespace: 'emojivoto',
      name: 'web-7f9c6d5b8-x2kq4',
      labels: meshedPod.metadata?.labels,
      owner: { kind: 'Deployment', name: 'web' },
      meshed: true,
      identity: 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local',
      ip: '10.244.0.30',
    });
  });

  it('finds the Deployment of an unmeshed pod through its ReplicaSet, and other owners as they are', () => {
    const plain: PodObject = { metadata: { name: 'legacy-5d8b6c7d9-abcde', namespace: 'legacy', labels: { 'pod-template-hash': '5d8b6c7d9' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'legacy-5d8b6c7d9', controller: true }] }, spec: { containers: [{ name: 'app' }] } };
    assert.deepEqual(ownerOf(plain), { kind: 'Deployment', name: 'legacy' });
    assert.equal(podMeta(plain, 'linkerd').meshed, false);
    assert.equal(podMeta(plain, 'linkerd').identity, undefined);
    const sts: PodObject = { metadata: { name: 'db-0', ownerReferences: [{ kind: 'StatefulSet', name: 'db', controller: true }] } };
    assert.deepEqual(ownerOf(sts), { kind: 'StatefulSet', name: 'db' });
    assert.equal(ownerOf({ metadata: { name: 'bare' } }), undefined);
  });

  it('reads every owner label the injector writes, the ReplicaSet one too (linkerd2 pkg/k8s/labels.go)', () => {
    // A pod orphaned from its ReplicaSet (kubectl delete rs --cascade=orphan) has no owner reference left,
    // only the label the injector put on it; the traffic source used to miss the ReplicaSet label.
    const orphan: PodObject = { metadata: { name: 'batch-x7k2p', labels: { 'linkerd.io/proxy-replicaset': 'batch' } } };
    assert.deepEqual(ownerOf(orphan), { kind: 'ReplicaSet', name: 'batch' });
    const cron: PodObject = { metadata: { name: 'nightly-1-abcde', labels: { 'linkerd.io/proxy-cronjob': 'nightly', 'linkerd.io/proxy-job': 'nightly-1' } } };
    assert.deepEqual(ownerOf(cron), { kind: 'CronJob', name: 'nightly' });
  });

  it('does not count a proxy of another control plane as meshed here', () => {
    const other = { ...meshedPod, metadata: { ...meshedPod.metadata, labels: { ...meshedPod.metadata?.labels, 'linkerd.io/control-plane-ns': 'linkerd-other' } } };
    assert.equal(podMeta(other, 'linkerd').meshed, false);
    assert.equal(identityOf(other), 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local');
  });
});
