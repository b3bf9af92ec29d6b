import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { kubectl, kubectlOk, raw, requireKubectl } from './kubectl';

describe('simulator fault injection', function () {
  this.timeout(60_000);
  let sim: Simulator;

  before(async () => {
    requireKubectl();
    sim = await startSimulator({ scenario: 'empty', readinessDelayMs: 20 });
  });
  afterEach(() => sim.faults.clear());
  after(() => sim?.close());

  it('answers 403 with the verb and resource for forbidden resources, and says so in access reviews', async () => {
    sim.faults.set({ forbidden: [{ resource: 'deployments', group: 'apps', verbs: ['list'] }] });
    const denied = await kubectl(sim, ['-n', 'default', 'get', 'deployments']);
    assert.match(denied.stderr, /deployments.apps is forbidden: User "meshaware-sim-user" cannot list resource "deployments" in API group "apps" in the namespace "default"/);
    const review = (verb: string) =>
      raw(sim, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        method: 'POST',
        contentType: 'application/json',
        body: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, group: 'apps', resource: 'deployments', namespace: 'default' } } }),
      }).then((r) => (JSON.parse(r.body) as { status: { allowed: boolean } }).status.allowed);
    assert.equal(await review('list'), false);
    assert.equal(await review('get'), true);
    assert.equal((await kubectl(sim, ['-n', 'default', 'auth', 'can-i', 'list', 'deployments.apps'])).stdout.trim(), 'no');
    assert.equal((await kubectl(sim, ['-n', 'default', 'auth', 'can-i', 'get', 'deployments.apps'])).stdout.trim(), 'yes');
    await kubectlOk(sim, ['get', 'namespaces']);
  });

  it('fails the configured share of requests with 500 InternalError', async () => {
    sim.faults.set({ errorRate: 0.5 });
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await raw(sim, '/api/v1/namespaces')).status);
    assert.deepEqual(codes.sort(), [200, 200, 200, 500, 500, 500]);
  });

  it('still answers, later, when API latency is injected', async () => {
    sim.faults.set({ latencyMs: 200 });
    assert.equal((await raw(sim, '/version')).status, 200);
  });

  it('rejects an expired token with 401', async () => {
    sim.faults.set({ tokenExpired: true });
    assert.match((await kubectl(sim, ['get', 'namespaces'])).stderr, /You must be logged in to the server \(Unauthorized\)/);
  });

  it('writes a kubeconfig whose CA does not match the server certificate', async () => {
    const path = join(sim.kubeconfigPath, '..', 'wrong-ca');
    sim.writeKubeconfig(path, { wrongCa: true });
    const result = await kubectl(sim, ['get', 'namespaces'], undefined, path);
    assert.match(result.stderr, /certificate signed by unknown authority|x509/);
  });

  it('cuts open watches on demand', async () => {
    let streaming!: Promise<{ status: number; body: string }>;
    await new Promise<void>((started) => {
      streaming = raw(sim, '/api/v1/namespaces?watch=1', { onData: (body) => body.includes('kube-system') && started() });
    });
    sim.faults.dropWatches();
    const ended = await streaming;
    assert.equal(ended.status, 200);
    assert.equal(ended.body.trim().split('\n').length, 4);
  });
});
