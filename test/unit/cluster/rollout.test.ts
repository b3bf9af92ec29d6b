import * as assert from 'node:assert/strict';
import { restartQuestion, rolloutState, rolloutsSummary, rolloutSummary, type RolloutProgress } from '../../../src/core/cluster/rollout';

const deployment = (generation: number, spec: Record<string, unknown>, status: Record<string, unknown>) => ({ metadata: { generation }, spec, status });
const web = { kind: 'Deployment', name: 'web', namespace: 'shop' };
const progress = (p: Partial<RolloutProgress>): RolloutProgress => ({ done: true, message: 'rolled out', pods: 2, meshedPods: 2, ...p });

describe('rollout status, as kubectl rollout status judges it', () => {
  it('waits for the controller, the new replicas, the old ones to go and the new ones to be available', () => {
    assert.deepEqual(rolloutState('Deployment', deployment(2, { replicas: 2 }, { observedGeneration: 1 })), { done: false, message: 'waiting for the controller to see the change' });
    assert.equal(rolloutState('Deployment', deployment(2, { replicas: 2 }, { observedGeneration: 2, updatedReplicas: 1, replicas: 3 })).message, '1 of 2 new replicas updated');
    assert.equal(rolloutState('Deployment', deployment(2, { replicas: 2 }, { observedGeneration: 2, updatedReplicas: 2, replicas: 3 })).message, '1 old replica terminating');
    assert.equal(rolloutState('Deployment', deployment(2, { replicas: 2 }, { observedGeneration: 2, updatedReplicas: 2, replicas: 2, availableReplicas: 1 })).message, '1 of 2 updated replicas available');
    assert.deepEqual(rolloutState('Deployment', deployment(2, { replicas: 2 }, { observedGeneration: 2, updatedReplicas: 2, replicas: 2, availableReplicas: 2 })), { done: true, message: 'rolled out' });
  });

  it('reports a stalled rollout as failed', () => {
    const stalled = rolloutState('Deployment', deployment(2, { replicas: 1 }, { observedGeneration: 2, conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }] }));
    assert.equal(stalled.done, false);
    assert.match(stalled.failed ?? '', /progress deadline/);
  });

  it('follows DaemonSets and StatefulSets by their own counters', () => {
    assert.equal(rolloutState('DaemonSet', { metadata: { generation: 1 }, status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 2 } }).message, '2 of 3 new pods updated');
    assert.equal(rolloutState('DaemonSet', { metadata: { generation: 1 }, status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 } }).done, true);
    assert.equal(rolloutState('StatefulSet', { metadata: { generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, readyReplicas: 1 } }).message, 'waiting for 1 pod to be ready');
    assert.equal(rolloutState('StatefulSet', { metadata: { generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, readyReplicas: 2, currentRevision: 'a', updateRevision: 'b', updatedReplicas: 1 } }).done, false);
    assert.equal(rolloutState('StatefulSet', { metadata: { generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, readyReplicas: 2, currentRevision: 'b', updateRevision: 'b' } }).done, true);
  });
});

describe('what a followed rollout comes to', () => {
  it('ends with the count of meshed pods, and warns when the pods did not come out as the cluster asks', () => {
    assert.deepEqual(rolloutSummary(web, progress({}), true), { severity: 'info', message: 'deployment/web in shop: 2/2 meshed.' });
    assert.equal(rolloutSummary(web, progress({ meshedPods: 0 }), true).severity, 'warning');
    assert.match(rolloutSummary(web, progress({ meshedPods: 0 }), true).message, /came up without the proxy/);
    assert.equal(rolloutSummary(web, progress({ meshedPods: 1 }), false).message, 'deployment/web in shop: 1/2 pods still meshed.');
    assert.match(rolloutSummary(web, progress({ done: false, message: '1 of 2 new replicas updated' })).message, /is still rolling out \(1 of 2 new replicas updated\)/);
  });

  it('sums several rollouts in one message', () => {
    const api = { kind: 'Deployment', name: 'api', namespace: 'shop' };
    assert.deepEqual(rolloutsSummary([{ w: web, progress: progress({}), expectMeshed: true }, { w: api, progress: progress({ pods: 1, meshedPods: 1 }), expectMeshed: true }]), {
      severity: 'info',
      message: '2 workloads rolled out in shop: 3/3 pods meshed (deployment/web 2/2, deployment/api 1/1).',
    });
    assert.equal(rolloutsSummary([]), undefined);
  });
});

describe('the question before a restart', () => {
  it('names the workload, its pods and what they come back with', () => {
    assert.deepEqual(restartQuestion([{ ...web, pods: 2, meshedAfter: true }], 'kind-dev'), {
      message: 'Restart deployment/web in shop on "kind-dev"?',
      detail: 'Its 2 pods are replaced one by one (rollout restart), with the Linkerd proxy.',
      button: 'Restart',
    });
    assert.equal(restartQuestion([{ ...web, pods: 1 }], 'kind-dev').detail, 'Its pod is replaced (rollout restart).');
  });

  it('counts several workloads and lists them', () => {
    const q = restartQuestion([{ ...web, pods: 2, meshedAfter: true }, { kind: 'Deployment', name: 'api', namespace: 'shop', pods: 1, meshedAfter: true }], 'kind-dev');
    assert.equal(q.message, 'Restart 2 workloads in shop on "kind-dev"?');
    assert.equal(q.button, 'Restart 2 Workloads');
    assert.match(q.detail, /deployment\/web \(2 pods\), with the Linkerd proxy\ndeployment\/api \(1 pod\), with the Linkerd proxy$/);
  });
});
