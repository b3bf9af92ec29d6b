import * as assert from 'node:assert/strict';
import { workloadKey, type LiveMesh, type LiveWorkload } from '../../../src/core/cluster/liveMesh';
import { findInjectionTargets, type InjectionTarget } from '../../../src/core/inject';
import { meshStatus, offerAfterEdit } from '../../../src/core/inject/status';
import { parseManifest } from '../../../src/core/yaml/manifest';

const deployment = (annotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
${annotations ? `      annotations:\n        ${annotations}\n` : ''}      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web
`;

const namespace = (annotation = '') => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
${annotation ? `  annotations:\n    ${annotation}\n` : ''}`;

function target(text: string): InjectionTarget {
  const [t] = findInjectionTargets(parseManifest(text), (ns) => (ns === 'viaNs' ? { value: 'enabled' } : undefined));
  return t;
}

function live(workloads: Partial<LiveWorkload>[], options: { namespaceInject?: string; injector?: boolean } = {}): LiveMesh {
  const all = workloads.map((w) => ({ kind: 'Deployment', namespace: 'shop', name: 'web', pods: 1, meshedPods: 0, ...w }));
  const pods = all.reduce((n, w) => n + w.pods, 0);
  const meshedPods = all.reduce((n, w) => n + w.meshedPods, 0);
  return {
    context: 'kind-dev',
    workloads: new Map(all.map((w) => [workloadKey(w.kind, w.namespace, w.name), w])),
    namespaces: new Map([['shop', { inject: options.namespaceInject }]]),
    podsByNamespace: new Map([['shop', { pods, meshedPods }]]),
    injector: options.injector ?? true,
  };
}

const titles = (s: ReturnType<typeof meshStatus>) => [s.title, ...s.actions.map((a) => a.title)];

describe('mesh status: the file and the cluster, and what closes the gap', () => {
  it('says only what the file asks when no context is connected, saying when the edit is not saved', () => {
    assert.deepEqual(titles(meshStatus(target(deployment()), undefined)), ['in file: not meshed', 'Add to mesh']);
    assert.deepEqual(titles(meshStatus(target(deployment('linkerd.io/inject: enabled')), undefined, true)), ['in file (unsaved): meshed', 'Remove from mesh']);
  });

  it('says "…" while the cluster has not been read yet', () => {
    assert.equal(meshStatus(target(deployment()), { context: 'kind-dev' }).title, 'in file: not meshed · in kind-dev: …');
  });

  it('offers Apply when the cluster runs the workload without the annotation the file has', () => {
    const s = meshStatus(target(deployment('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{}]) });
    assert.deepEqual(titles(s), ['in file: meshed · in kind-dev: 0/1 pods meshed', 'Apply', 'Remove from mesh']);
    assert.match(s.tooltip, /The cluster's pod template has no annotation, unlike the file: applying the file rolls out new pods\./);
  });

  it('offers Restart when the cluster already asks for the proxy but its pods predate it', () => {
    const s = meshStatus(target(deployment('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{ templateInject: 'enabled', pods: 2 }]) });
    assert.deepEqual(titles(s), ['in file: meshed · in kind-dev: 0/2 pods meshed', 'Restart', 'Remove from mesh']);
  });

  it('offers nothing more once every pod is meshed, nor when no injector runs to mesh them', () => {
    const meshed = meshStatus(target(deployment('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{ templateInject: 'enabled', pods: 2, meshedPods: 2 }]) });
    assert.deepEqual(titles(meshed), ['in file: meshed · in kind-dev: 2/2 pods meshed', 'Remove from mesh']);
    const noLinkerd = meshStatus(target(deployment('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{ templateInject: 'enabled' }], { injector: false }) });
    assert.deepEqual(titles(noLinkerd), ['in file: meshed · in kind-dev: 0/1 pods meshed', 'Remove from mesh']);
    assert.match(noLinkerd.tooltip, /Linkerd is not installed in this cluster/);
  });

  it('restarts a workload meshed through its namespace, and one whose proxy the cluster no longer asks for', () => {
    const viaNs = target(deployment().replace('namespace: shop', 'namespace: viaNs'));
    const cluster = live([{ namespace: 'viaNs' }]);
    const withNs: LiveMesh = { ...cluster, namespaces: new Map([['viaNs', { inject: 'enabled' }]]) };
    assert.deepEqual(titles(meshStatus(viaNs, { context: 'kind-dev', live: withNs })), ['in file: meshed via namespace viaNs · in kind-dev: 0/1 pods meshed', 'Restart', 'Opt out']);
    const leftOver = meshStatus(target(deployment()), { context: 'kind-dev', live: live([{ meshedPods: 1 }]) });
    assert.deepEqual(titles(leftOver), ['in file: not meshed · in kind-dev: 1/1 pods meshed', 'Restart', 'Add to mesh']);
  });

  it('says a workload is not deployed, and offers Apply to create it', () => {
    assert.deepEqual(titles(meshStatus(target(deployment()), { context: 'kind-dev', live: live([]) })), ['in file: not meshed · in kind-dev: not deployed', 'Apply', 'Add to mesh']);
  });

  it("compares a Namespace's annotation with the cluster's and offers to restart the workloads left behind", () => {
    const differs = meshStatus(target(namespace('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{}, { name: 'api', pods: 2 }]) });
    assert.deepEqual(titles(differs), ['in file: meshed · in kind-dev: 0/3 pods meshed', 'Apply', 'Remove from mesh']);
    const stale = meshStatus(target(namespace('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{}, { name: 'api', pods: 2 }], { namespaceInject: 'enabled' }) });
    assert.deepEqual(titles(stale), ['in file: meshed · in kind-dev: 0/3 pods meshed', 'Restart 2 workloads', 'Remove from mesh']);
    const done = meshStatus(target(namespace('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{ meshedPods: 1 }], { namespaceInject: 'enabled' }) });
    assert.deepEqual(titles(done), ['in file: meshed · in kind-dev: 1/1 pods meshed', 'Remove from mesh']);
  });

  it('after an edit, offers the one follow-up that makes the pods match: Apply, or Restart', () => {
    const apply = offerAfterEdit(target(deployment('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{}]) });
    assert.deepEqual([apply?.message, apply?.action.title], ['deployment/web in "kind-dev" (0/1 pods meshed) differs from the file: apply it to roll out new pods.', 'Apply to Cluster']);
    const restart = offerAfterEdit(target(deployment('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{ templateInject: 'enabled' }]) });
    assert.equal(restart?.action.title, 'Restart Workload');
    assert.equal(offerAfterEdit(target(deployment('linkerd.io/inject: enabled')), { context: 'kind-dev', live: live([{ templateInject: 'enabled', meshedPods: 1 }]) }), undefined);
    assert.equal(offerAfterEdit(target(deployment('linkerd.io/inject: enabled')), undefined), undefined);
  });
});
