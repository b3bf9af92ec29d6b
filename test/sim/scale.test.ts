import { gunzipSync } from 'node:zlib';
import assert from 'node:assert/strict';
import type { Pod } from '../../sim/cluster/podTypes';
import { isReady } from '../../sim/cluster/workloads';
import { startSimulator, until, type Simulator } from '../../sim/simulator';

describe('simulated cluster at scale', function () {
  this.timeout(60_000);
  let sim: Simulator;
  const pods = () => sim.api.peek(sim.api.typeOf('Pod'), 'scale') as Pod[];

  before(async () => {
    sim = await startSimulator({ scenario: 'scale', linkerd: 'installed', readinessDelayMs: 50 });
    await until(sim.api, () => pods().filter(isReady).length === 1000);
  });
  after(() => sim?.close());

  it('runs 100 meshed deployments of 10 pods', () => {
    const deployments = sim.api.peek(sim.api.typeOf('Deployment', 'apps/v1'), 'scale');
    assert.equal(deployments.length, 100);
    assert.ok(pods().every((p) => p.metadata.labels?.['linkerd.io/control-plane-ns'] === 'linkerd'));
  });

  it('computes a proxy scrape on demand, one series per destination endpoint', () => {
    const pod = pods().find((p) => p.metadata.labels?.app === 'svc-000')!;
    const metrics = String(sim.kubelet.listeners(pod).get(4191)!('/metrics').body);
    const outbound = metrics.split('\n').filter((l) => l.startsWith('request_total{direction="outbound"'));
    assert.equal(outbound.length, 10);
    assert.ok(outbound.every((l) => l.includes('dst_deployment="svc-001"')));
  });

  it('gzips a proxy scrape when Accept-Encoding asks for it, as the admin server of linkerd2-proxy does', () => {
    const pod = pods().find((p) => p.metadata.labels?.app === 'svc-000')!;
    const admin = sim.kubelet.listeners(pod).get(4191)!;
    const reply = admin('/metrics', 'gzip, deflate');
    assert.equal(reply.contentEncoding, 'gzip');
    const text = gunzipSync(reply.body).toString();
    const names = (t: string) => t.split('\n').map((l) => l.split(' ')[0]).join('\n');
    assert.equal(names(text), names(String(admin('/metrics').body)), 'the same series as the plain answer');
    assert.ok(reply.body.length * 10 < text.length, `compressed ${text.length} to ${reply.body.length} bytes`);
    assert.equal(admin('/metrics', 'identity').contentEncoding, undefined);
  });
});
