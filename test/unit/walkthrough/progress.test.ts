import * as assert from 'node:assert/strict';
import { workloadKey, type LiveMesh } from '../../../src/core/cluster/liveMesh';
import { findInjectionTargets } from '../../../src/core/inject';
import { meshCandidates, meshedInFile, podsMeshed, rolloutCandidates, trafficSeen } from '../../../src/core/walkthrough/progress';
import { parseManifest } from '../../../src/core/yaml/manifest';
import type { TrafficSnapshot } from '../../../src/shared/trafficProtocol';

const deployment = (name: string, inject?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  template:
    metadata:
${inject ? `      annotations:\n        linkerd.io/inject: ${inject}\n` : ''}      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${name}
`;

const file = (uri: string, text: string) => ({ uri, targets: findInjectionTargets(parseManifest(text)) });

function live(workloads: { name: string; namespace?: string; meshedPods?: number; templateInject?: string }[]): LiveMesh {
  const all = workloads.map((w) => ({ kind: 'Deployment', namespace: 'shop', pods: 1, meshedPods: 0, ...w }));
  return {
    context: 'kind-dev',
    workloads: new Map(all.map((w) => [workloadKey(w.kind, w.namespace, w.name), w])),
    namespaces: new Map([['shop', {}]]),
    podsByNamespace: new Map(),
    injector: true,
  };
}

describe('the walkthrough facts', () => {
  it('counts a manifest asking for the proxy, and not one that opts out or is unmeshed', () => {
    assert.equal(meshedInFile(file('a', `${deployment('a')}---\n${deployment('b', 'disabled')}`).targets), false);
    assert.equal(meshedInFile(file('a', deployment('a', 'enabled')).targets), true);
  });

  it("counts meshed pods of the app, not of Linkerd's own namespaces", () => {
    assert.equal(podsMeshed(live([{ name: 'linkerd-destination', namespace: 'linkerd', meshedPods: 1 }, { name: 'web' }])), false);
    assert.equal(podsMeshed(live([{ name: 'web', meshedPods: 1 }])), true);
    assert.equal(podsMeshed(undefined), false);
  });

  it('sees traffic once an edge carries requests', () => {
    const snapshot = (rps: number | null) => ({ edges: [{ requestsPerSecond: rps }] }) as unknown as TrafficSnapshot;
    assert.equal(trafficSeen(snapshot(null)), false);
    assert.equal(trafficSeen(snapshot(0)), false);
    assert.equal(trafficSeen(snapshot(1.5)), true);
  });
});

describe('what the walkthrough buttons offer', () => {
  it('offers unmeshed workloads to add, the running ones first', () => {
    const files = [file('a.yaml', `${deployment('zeta')}---\n${deployment('alpha')}---\n${deployment('meshed', 'enabled')}`), file('b.yaml', deployment('runs'))];
    const offered = meshCandidates(files, { context: 'kind-dev', live: live([{ name: 'runs' }, { name: 'zeta' }]) });
    assert.deepEqual(offered.map((c) => [c.uri, c.target.name, c.action?.kind]), [['b.yaml', 'runs', 'add'], ['a.yaml', 'zeta', 'add'], ['a.yaml', 'alpha', 'add']]);
    assert.equal(offered[0].status, 'in file: not meshed · in kind-dev: 0/1 pods meshed');
  });

  it('offers to apply or restart what asks for the proxy while its pods run without it', () => {
    const files = [file('a.yaml', `${deployment('changed', 'enabled')}---\n${deployment('stale', 'enabled')}---\n${deployment('done', 'enabled')}---\n${deployment('plain')}`)];
    const cluster = { context: 'kind-dev', live: live([{ name: 'changed' }, { name: 'stale', templateInject: 'enabled' }, { name: 'done', templateInject: 'enabled', meshedPods: 1 }, { name: 'plain' }]) };
    assert.deepEqual(rolloutCandidates(files, cluster).map((c) => [c.target.name, c.action?.kind]), [['changed', 'apply'], ['stale', 'restart']]);
    assert.deepEqual(rolloutCandidates(files, undefined), []);
  });
});
