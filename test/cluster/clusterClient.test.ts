import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseManifest } from '../../src/core/yaml/manifest';
import { applyObjects, objectsOf } from '../../src/core/cluster/applyDocuments';
import { ClusterError } from '../../src/core/cluster/errors';
import { ClusterSession } from '../../src/core/cluster/session';
import { detectLinkerd, restartWorkload } from '../../src/core/cluster/workloads';
import { simulatedCluster } from './simContext';
import type { Simulator } from '../../sim/simulator';
import type { ClusterClient } from '../../src/core/cluster/client';
import { isCancelled } from '../../src/core/cancel';

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations:
        linkerd.io/inject: enabled
    spec:
      containers:
      - name: web
        image: example/web:1
        ports: [{containerPort: 8080, name: http}]
`;

describe('cluster layer against the simulated cluster', () => {
  let sim: Simulator;
  let client: ClusterClient;
  let lines: string[];
  before(async () => {
    const c = await simulatedCluster();
    ({ sim, client } = c);
    lines = c.log.lines;
  });
  after(() => sim.close());

  it('reads the context from the kubeconfig and classifies the simulator as local (loopback)', async () => {
    const session = new ClusterSession({ info() {}, warn() {} }, () => [sim.kubeconfigPath]);
    const ctx = await session.currentContext();
    assert.equal(ctx?.name, sim.contextName);
    assert.deepEqual([session.verdict(ctx!).local, session.verdict(ctx!).flavour], [true, 'loopback']);
  });

  it('dry-runs, then server-side applies a file with field manager meshaware', async () => {
    const objects = objectsOf(parseManifest(MANIFEST));
    const dry = await applyObjects(client, objects, { dryRun: true });
    assert.deepEqual(dry.map((o) => [o.kind, o.ok]), [['Namespace', true], ['Deployment', true]]);
    assert.match(dry[1].message, /not checked: its namespace "shop" is created by this apply/, 'a dry run cannot check objects in a namespace it does not create');
    const alone = await applyObjects(client, objects.slice(1), { dryRun: true });
    assert.equal(alone[0].ok, false, 'without the Namespace in the same apply, a missing namespace is an error');
    assert.match(alone[0].message, /Not found/);
    assert.equal(await client.tryGet('v1', 'Namespace', 'shop'), undefined, 'a dry run persists nothing');
    const done = await applyObjects(client, objects, { dryRun: false });
    assert.ok(done.every((o) => o.ok), JSON.stringify(done));
    const d = await client.get('apps/v1', 'Deployment', 'web', 'shop');
    const managers = (d.metadata as { managedFields?: { manager: string }[] }).managedFields?.map((m) => m.manager) ?? [];
    assert.ok(managers.includes('meshaware'), `managers: ${managers}`);
  });

  it('restarts a workload the way kubectl rollout restart does', async () => {
    const before = await client.list('apps/v1', 'ReplicaSet', { namespace: 'shop' });
    await restartWorkload(client, 'Deployment', 'web', 'shop', new Date('2026-01-01T00:00:00Z'));
    const d = await client.get<{ spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } }>('apps/v1', 'Deployment', 'web', 'shop');
    assert.equal(d.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'], '2026-01-01T00:00:00.000Z');
    assert.equal(d.spec?.template?.metadata?.annotations?.['linkerd.io/inject'], 'enabled', 'the strategic merge keeps other annotations');
    for (let i = 0; i < 50; i++) {
      const after = await client.list('apps/v1', 'ReplicaSet', { namespace: 'shop' });
      if (after.items.length > before.items.length) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail('no new ReplicaSet after the restart');
  });

  it('reports Linkerd as absent on a bare cluster', async () => {
    assert.deepEqual(await detectLinkerd(client), { installed: false, namespace: 'linkerd' });
  });

  it('logs every request with its duration and never the token', () => {
    assert.ok(lines.some((l) => /^PATCH \/apis\/apps\/v1\/namespaces\/shop\/deployments\/web\?fieldManager=meshaware \d{3} \d+ ms$/.test(l)), lines.slice(-5).join('\n'));
    assert.ok(!lines.some((l) => l.includes(sim.token)));
  });

  it("sends request lines to a log's debug level when it has one: an editor polling the cluster logs changes, not every call", async () => {
    const info: string[] = [];
    const debug: string[] = [];
    const session = new ClusterSession({ info: (m) => info.push(m), debug: (m) => debug.push(m), warn: (m) => info.push(m) }, () => [sim.kubeconfigPath]);
    await (await session.client()).list('v1', 'Pod', { namespace: 'shop' });
    assert.deepEqual(info, []);
    assert.ok(debug.some((l) => /^GET \/api\/v1\/namespaces\/shop\/pods 200 \d+ ms$/.test(l)), debug.join('\n'));
  });

  describe('faults become messages that say what to do', () => {
    afterEach(() => sim.faults.clear());

    it('403 names the verb and resource', async () => {
      sim.faults.set({ forbidden: [{ resource: 'deployments', group: 'apps', verbs: ['patch'] }] });
      await assert.rejects(restartWorkload(client, 'Deployment', 'web', 'shop'), (e: ClusterError) => e.kind === 'forbidden' && /may not patch deployments\.apps "web" in namespace "shop"/.test(e.userMessage) && /RBAC/.test(e.userMessage));
    });

    it('an expired token is a 401 that says to log in again', async () => {
      sim.faults.set({ tokenExpired: true });
      await assert.rejects(client.version({ retries: 0 }), (e: ClusterError) => e.kind === 'unauthorized' && /expired/.test(e.userMessage));
    });

    it('server errors on reads are retried with backoff', async () => {
      sim.faults.set({ errorRate: 0.5 });
      const before = lines.length;
      // Every other request fails, counted over the simulator's life: of two reads in a row, one starts on a failure.
      const lists = [await client.list('v1', 'Namespace', {}, { retries: 3 }), await client.list('v1', 'Namespace', {}, { retries: 3 })];
      assert.ok(lists.every((list) => list.items.length > 0));
      const logged = lines.slice(before);
      assert.ok(logged.some((l) => / 500 \d+ ms$/.test(l)) && logged.some((l) => /retry 1\/3/.test(l)), logged.join('\n'));
    });

    it('a slow API server hits the timeout with a clear message', async () => {
      sim.faults.set({ latencyMs: 1500 });
      await assert.rejects(client.version({ timeoutMs: 300, retries: 0 }), (e: ClusterError) => e.kind === 'timeout' && /did not answer within 0.3 s/.test(e.userMessage));
    });

    it('cancellation aborts a request', async () => {
      sim.faults.set({ latencyMs: 1500 });
      const ac = new AbortController();
      const p = client.version({ signal: ac.signal, retries: 0 });
      setTimeout(() => ac.abort(), 50);
      await assert.rejects(p, (e) => isCancelled(e));
    });

    it('a wrong CA is a certificate problem', async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'mw-')), 'kubeconfig');
      sim.writeKubeconfig(file, { wrongCa: true });
      const bad = await new ClusterSession({ info() {}, warn() {} }, () => [file]).client();
      await assert.rejects(bad.version({ retries: 0 }), (e: ClusterError) => e.kind === 'certificate' && /certificate-authority/.test(e.userMessage));
    });

    it('an unreachable cluster says to start it', async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'mw-')), 'kubeconfig');
      sim.writeKubeconfig(file);
      const { readFileSync, writeFileSync } = await import('node:fs');
      writeFileSync(file, readFileSync(file, 'utf8').replace(sim.url, 'https://127.0.0.1:1'));
      const down = await new ClusterSession({ info() {}, warn() {} }, () => [file]).client();
      await assert.rejects(down.version({ retries: 0 }), (e: ClusterError) => e.kind === 'unreachable' && /Is the cluster running/.test(e.userMessage));
    });
  });
});
