// Following a restart to its meshed pods, against the simulated cluster with Linkerd's injector running: what the
// lenses read (readLiveMesh), which workloads a namespace's annotation leaves behind, and the rollout's progress.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../sim/simulator';
import type { ClusterClient } from '../../src/core/cluster/client';
import { readLiveMesh, workloadKey, workloadsToRestart } from '../../src/core/cluster/liveMesh';
import { progressText, watchRollout, type RolloutProgress } from '../../src/core/cluster/rollout';
import { restartWorkload } from '../../src/core/cluster/workloads';
import { simulatedCluster } from './simContext';

describe('rollouts followed to their meshed pods, on the simulated cluster', () => {
  let sim: Simulator;
  let client: ClusterClient;
  before(async () => {
    ({ sim, client } = await simulatedCluster({ linkerd: 'installed', readinessDelayMs: 200 }));
  });
  after(() => sim.close());

  it('reads every workload with its meshed pods, and the injector', async () => {
    let live = await readLiveMesh(client);
    for (let i = 0; i < 50 && live.workloads.get(workloadKey('Deployment', 'emojivoto', 'web'))?.meshedPods !== 2; i++) {
      await new Promise((r) => setTimeout(r, 200));
      live = await readLiveMesh(client);
    }
    assert.equal(live.injector, true);
    assert.deepEqual(live.workloads.get(workloadKey('Deployment', 'emojivoto', 'web')), { kind: 'Deployment', namespace: 'emojivoto', name: 'web', templateInject: undefined, pods: 2, meshedPods: 2 });
    assert.deepEqual(live.workloads.get(workloadKey('Deployment', 'legacy', 'legacy-client'))?.meshedPods, 0);
    assert.equal(live.namespaces.get('emojivoto')?.inject, 'enabled');
    assert.deepEqual(workloadsToRestart(live, 'emojivoto'), []);
  });

  it("finds the workloads a namespace's new annotation leaves behind, and follows a restart to 2/2 meshed", async () => {
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await client.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'example/api:1' }] } } },
    });
    await watchRollout(client, { kind: 'Deployment', name: 'api', namespace: 'shop' }, { pollMs: 100 });
    await client.patch('v1', 'Namespace', 'shop', undefined, { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } }, 'merge');
    const stale = workloadsToRestart(await readLiveMesh(client), 'shop');
    assert.deepEqual(stale.map((w) => [w.name, w.pods, w.meshedPods]), [['api', 2, 0]]);

    const seen: RolloutProgress[] = [];
    await restartWorkload(client, 'Deployment', 'api', 'shop');
    const last = await watchRollout(client, { kind: 'Deployment', name: 'api', namespace: 'shop' }, { pollMs: 50, onProgress: (p) => seen.push(p) });
    assert.deepEqual([last.done, last.pods, last.meshedPods], [true, 2, 2]);
    assert.equal(progressText(last), '2/2 meshed');
    assert.ok(seen.some((p) => !p.done && p.meshedPods < p.pods), `the progress went through the rollout: ${seen.map(progressText).join(' | ')}`);
    assert.deepEqual(workloadsToRestart(await readLiveMesh(client), 'shop'), []);
  });
});
