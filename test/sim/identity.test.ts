import assert from 'node:assert/strict';
import { isReady } from '../../sim/cluster/workloads';
import { generateIdentityCredentials, identityMaterial, type IdentityCredentials } from '../../src/core/controlplane/certs/identity';
import { issuerProblem } from '../../sim/linkerd/identity';
import { startSimulator, until, type Simulator } from '../../sim/simulator';
import type { KubeObject } from '../../sim/store/types';
import { issueCertificate } from '../../sim/tls/certificates';
import { KubectlProcess, kubectlOk, requireKubectl, type Loose } from './kubectl';

describe('simulated Linkerd identity controller', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let good: IdentityCredentials;

  const identityPod = () => sim.api.list(sim.api.typeOf('Pod'), 'linkerd').find((p) => p.metadata.labels?.['linkerd.io/control-plane-component'] === 'identity') as KubeObject;
  const identityStatus = (pod: KubeObject) => ((pod.status as Loose).containerStatuses as Loose[]).find((s) => s.name === 'identity');
  const setIssuer = (certPem: string, keyPem: string) =>
    kubectlOk(sim, ['-n', 'linkerd', 'patch', 'secret', 'linkerd-identity-issuer', '--type=merge', '-p', JSON.stringify({ data: { 'crt.pem': Buffer.from(certPem).toString('base64'), 'key.pem': Buffer.from(keyPem).toString('base64') } })]);

  before(async () => {
    requireKubectl();
    good = await generateIdentityCredentials();
    sim = await startSimulator({ scenario: 'empty', linkerd: 'installed', identity: identityMaterial(good), readinessDelayMs: 20, crashBackoffMs: 50 });
    await until(sim.api, () => identityPod() !== undefined && isReady(identityPod()));
  });
  after(() => sim?.close());

  it('accepts the credentials an install generates', () => {
    assert.equal(issuerProblem(sim.api), undefined);
  });

  it('crash-loops with a log line when the issuer was signed by another anchor, and recovers once fixed', async () => {
    const otherAnchor = await issueCertificate({ commonName: 'root.linkerd.cluster.local', isCa: true });
    const stranger = await issueCertificate({ commonName: 'identity.linkerd.cluster.local', isCa: true, issuer: otherAnchor });
    const follow = new KubectlProcess(sim, ['-n', 'linkerd', 'logs', '-f', identityPod().metadata.name!, '-c', 'identity']);
    await follow.waitFor(/starting gRPC server/);
    await setIssuer(stranger.certPem, stranger.keyPem);
    await follow.waitFor(/level=fatal/);
    follow.stop();
    await until(sim.api, () => (identityStatus(identityPod())?.restartCount ?? 0) >= 2);
    const status = identityStatus(identityPod());
    assert.equal(status.state.waiting.reason, 'CrashLoopBackOff');
    assert.equal(status.lastState.terminated.exitCode, 1);
    assert.equal(isReady(identityPod()), false);
    const pods = JSON.parse(await kubectlOk(sim, ['-n', 'linkerd', 'get', 'pods', '-l', 'linkerd.io/control-plane-component=identity', '-o', 'json'])) as Loose;
    const logs = await kubectlOk(sim, ['-n', 'linkerd', 'logs', pods.items[0].metadata.name, '-c', 'identity']);
    assert.match(logs, /level=fatal msg="Failed to initialize identity service: failed to verify issuer certs stored on disk: x509: certificate signed by unknown authority"/);

    await setIssuer(good.issuer.certPem, good.issuer.keyPem);
    await until(sim.api, () => isReady(identityPod()));
    assert.ok(identityStatus(identityPod()).state.running);
  });

  it('names each broken credential the way the controller does', async () => {
    const anchor = await issueCertificate({ commonName: 'root.linkerd.cluster.local', isCa: true });
    const other = await issueCertificate({ commonName: 'identity.linkerd.cluster.local', isCa: true, issuer: anchor });
    const leaf = await issueCertificate({ commonName: 'identity.linkerd.cluster.local', isCa: false, issuer: anchor });
    const expired = await issueCertificate({ commonName: 'identity.linkerd.cluster.local', isCa: true, issuer: anchor, notBefore: new Date(Date.now() - 3 * 86_400_000), days: 1 });
    const check = async (anchorPem: string, certPem: string, keyPem: string) => {
      await kubectlOk(sim, ['-n', 'linkerd', 'patch', 'configmap', 'linkerd-identity-trust-roots', '--type=merge', '-p', JSON.stringify({ data: { 'ca-bundle.crt': anchorPem } })]);
      await setIssuer(certPem, keyPem);
      return issuerProblem(sim.api);
    };
    assert.match((await check(anchor.certPem, other.certPem, leaf.keyPem))!, /private key does not match public key/);
    assert.match((await check(anchor.certPem, leaf.certPem, leaf.keyPem))!, /not a CA/);
    assert.match((await check(anchor.certPem, expired.certPem, expired.keyPem))!, /certificate has expired or is not yet valid/);
    assert.match((await check(`${leaf.keyPem}${anchor.certPem}`, other.certPem, other.keyPem))!, /no certificates found/);
    assert.equal(await check(`${anchor.certPem}${good.trustAnchor.certPem}`, other.certPem, other.keyPem), undefined);
    await check(good.trustAnchor.certPem, good.issuer.certPem, good.issuer.keyPem);
  });
});
