import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, PortForward, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { isReady } from '../../sim/cluster/workloads';
import { startSimulator, until, type Simulator } from '../../sim/simulator';

/** The extension's client library against the simulator: typed calls, server-side apply, watch and port-forward. */
describe('simulated cluster driven by @kubernetes/client-node', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let kc: KubeConfig;

  before(async () => {
    sim = await startSimulator({ readinessDelayMs: 20 });
    kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    await until(sim.api, () => sim.api.peek(sim.api.typeOf('Pod'), 'emojivoto').filter(isReady).length === 5);
  });
  after(() => sim?.close());

  it('lists the emojivoto pods with the typed client', async () => {
    const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'emojivoto', labelSelector: 'app=web-svc' });
    // The sample workspace's web Deployment, which the scenario runs, has two replicas.
    assert.equal(pods.items.length, 2);
    assert.ok(pods.items.every((p) => p.status?.phase === 'Running'));
  });

  it('server-side applies a change with a field manager', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const patched = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'emojivoto', fieldManager: 'meshaware', force: true, body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'emojivoto' }, spec: { template: { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } } } } },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    assert.equal(patched.spec?.template.metadata?.annotations?.['linkerd.io/inject'], 'enabled');
    assert.ok(patched.metadata?.managedFields?.some((m) => m.manager === 'meshaware' && m.operation === 'Apply'));
  });

  it('receives watch events', async () => {
    let added!: () => void;
    const seen = new Promise<void>((resolve) => (added = resolve));
    const request = await new Watch(kc).watch('/api/v1/namespaces/emojivoto/configmaps', {}, (type, object: { metadata: { name: string } }) => type === 'ADDED' && object.metadata.name === 'watched' && added(), () => undefined);
    await kc.makeApiClient(CoreV1Api).createNamespacedConfigMap({ namespace: 'emojivoto', body: { metadata: { name: 'watched' }, data: { a: 'b' } } });
    await seen;
    request.abort();
  });

  it('port-forwards over the WebSocket channel protocol', async () => {
    const pod = (await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'emojivoto', labelSelector: 'app=voting-svc' })).items[0];
    const output = new PassThrough();
    const input = new PassThrough();
    let received = '';
    const done = new Promise<void>((resolve) => output.on('data', (chunk: Buffer) => (received += chunk.toString()).includes('}') && resolve()));
    const socket = await new PortForward(kc).portForward('emojivoto', pod.metadata!.name!, [8080], output, null, input);
    input.write('GET /api/list HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await done;
    assert.match(received, /^HTTP\/1\.1 200 OK/);
    assert.match(received, /"path":"\/api\/list"/);
    (socket as { close(): void }).close();
  });
});
