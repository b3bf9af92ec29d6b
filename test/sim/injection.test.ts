import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Pod } from '../../sim/cluster/podTypes';
import { isReady } from '../../sim/cluster/workloads';
import { generateIdentityCredentials, identityMaterial } from '../../src/core/controlplane/certs/identity';
import type { IdentityMaterial } from '../../src/core/controlplane/certs/types';
import { installedControlPlane } from '../../sim/linkerd/controlPlane';
import { applyObjects, startSimulator, until, type Simulator } from '../../sim/simulator';
import { kubectlOk, requireKubectl, type Loose } from './kubectl';

describe('simulated Linkerd proxy injector', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let identity: IdentityMaterial;
  let serial = 0;

  const namespace = (annotations: Record<string, string> = {}, labels: Record<string, string> = {}) => {
    const name = `ns-${++serial}`;
    sim.api.create(sim.api.typeOf('Namespace'), undefined, { metadata: { name, annotations, labels } });
    return name;
  };
  const pod = (ns: string, annotations: Record<string, string> = {}, spec: Record<string, unknown> = {}) =>
    sim.api.create(sim.api.typeOf('Pod'), ns, {
      metadata: { generateName: 'app-', annotations },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] }], ...spec },
    }) as Pod;
  const proxyOf = (p: Pod) => [...(p.spec.initContainers ?? []), ...p.spec.containers].find((c) => c.name === 'linkerd-proxy');
  const injected = (p: Pod) => proxyOf(p) !== undefined;

  before(async () => {
    requireKubectl();
    sim = await startSimulator({ scenario: 'empty', readinessDelayMs: 20 });
    identity = identityMaterial(await generateIdentityCredentials());
  });
  after(() => sim?.close());

  it('leaves pods alone while no proxy injector is running', () => {
    assert.equal(injected(pod(namespace(), { 'linkerd.io/inject': 'enabled' })), false);
  });

  describe('with the control plane installed', () => {
    before(async () => {
      applyObjects(sim.api, await installedControlPlane(identity));
      await until(sim.api, () => sim.api.list(sim.api.typeOf('Pod'), 'linkerd').some((p) => p.metadata.labels?.['linkerd.io/control-plane-component'] === 'proxy-injector' && isReady(p)));
    });

    const cases: { title: string; ns?: string; pod?: string; expected: boolean }[] = [
      { title: 'namespace enabled, pod silent', ns: 'enabled', expected: true },
      { title: 'namespace ingress, pod silent', ns: 'ingress', expected: true },
      { title: 'namespace enabled, pod disabled', ns: 'enabled', pod: 'disabled', expected: false },
      { title: 'namespace silent, pod enabled', pod: 'enabled', expected: true },
      { title: 'namespace disabled, pod enabled', ns: 'disabled', pod: 'enabled', expected: true },
      { title: 'namespace silent, pod silent', expected: false },
      { title: 'namespace invalid ("Enabled"), pod enabled', ns: 'Enabled', pod: 'enabled', expected: false },
      { title: 'namespace enabled, pod invalid ("true")', ns: 'enabled', pod: 'true', expected: false },
    ];
    for (const c of cases) {
      it(`${c.expected ? 'injects' : 'skips'} when ${c.title}`, () => {
        const ns = namespace(c.ns ? { 'linkerd.io/inject': c.ns } : {});
        assert.equal(injected(pod(ns, c.pod ? { 'linkerd.io/inject': c.pod } : {})), c.expected);
      });
    }

    it('copies the namespace value onto the pod and sets ingress mode for ingress', () => {
      const p = pod(namespace({ 'linkerd.io/inject': 'ingress' }));
      assert.equal(p.metadata.annotations?.['linkerd.io/inject'], 'ingress');
      assert.ok(proxyOf(p)?.env?.some((e) => e.name === 'LINKERD2_PROXY_INGRESS_MODE' && e.value === 'true'));
    });

    it('skips host-network pods, pods with a sidecar already, and namespaces with webhooks disabled', () => {
      const ns = namespace({ 'linkerd.io/inject': 'enabled' });
      assert.equal(injected(pod(ns, {}, { hostNetwork: true })), false);
      assert.equal(injected(pod(ns, {}, { containers: [{ name: 'app', image: 'nginx' }, { name: 'istio-proxy', image: 'gcr.io/istio-release/proxyv2:1.22.0' }] })), false);
      assert.equal(injected(pod(namespace({ 'linkerd.io/inject': 'enabled' }, { 'config.linkerd.io/admission-webhooks': 'disabled' }))), false);
    });

    it('adds the proxy as a native sidecar by default, and as a container when native sidecars are off', () => {
      const ns = namespace({ 'linkerd.io/inject': 'enabled' });
      const native = pod(ns);
      assert.deepEqual(native.spec.initContainers?.map((c) => [c.name, c.restartPolicy]), [['linkerd-init', undefined], ['linkerd-proxy', 'Always']]);
      const classic = pod(ns, { 'config.linkerd.io/proxy-enable-native-sidecar': 'false' });
      assert.equal(classic.spec.containers[0].name, 'linkerd-proxy');
      assert.deepEqual(classic.spec.initContainers?.map((c) => c.name), ['linkerd-init']);
    });

    it('inherits namespace config annotations the pod does not set, except the non-inherited ones', () => {
      const ns = namespace({ 'linkerd.io/inject': 'enabled', 'config.linkerd.io/proxy-cpu-request': '100m', 'config.linkerd.io/proxy-log-level': 'debug', 'config.linkerd.io/close-wait-timeout': '1h' });
      const p = pod(ns, { 'config.linkerd.io/proxy-log-level': 'warn' });
      assert.equal(p.metadata.annotations?.['config.linkerd.io/proxy-cpu-request'], '100m');
      assert.equal(p.metadata.annotations?.['config.linkerd.io/proxy-log-level'], 'warn');
      assert.equal(p.metadata.annotations?.['config.linkerd.io/close-wait-timeout'], undefined);
    });

    it('marks default opaque ports even on pods it does not inject', () => {
      const p = pod(namespace(), {}, { containers: [{ name: 'db', image: 'mysql:8', ports: [{ containerPort: 3306 }, { containerPort: 8080 }] }] });
      assert.equal(injected(p), false);
      assert.equal(p.metadata.annotations?.['config.linkerd.io/opaque-ports'], '3306');
    });

    it('writes the injector labels and annotations on pods of a Deployment applied with kubectl', async () => {
      const ns = namespace({ 'linkerd.io/inject': 'enabled' });
      await kubectlOk(sim, ['apply', '-f', '-'], `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: shop}}\n  template:\n    metadata: {labels: {app: shop}}\n    spec: {containers: [{name: shop, image: "nginx:1.27"}]}\n`);
      await kubectlOk(sim, ['-n', ns, 'rollout', 'status', 'deployment/shop', '--timeout=30s']);
      const p = (JSON.parse(await kubectlOk(sim, ['-n', ns, 'get', 'pods', '-o', 'json'])) as Loose).items[0];
      assert.equal(p.metadata.labels['linkerd.io/proxy-deployment'], 'shop');
      assert.equal(p.metadata.labels['linkerd.io/control-plane-ns'], 'linkerd');
      assert.equal(p.metadata.labels['linkerd.io/workload-ns'], ns);
      assert.match(p.metadata.annotations['linkerd.io/created-by'], /^linkerd\/proxy-injector edge-/);
      assert.equal(p.metadata.annotations['linkerd.io/trust-root-sha256'], createHash('sha256').update(identity.trustAnchorsPem.trim()).digest('hex'));
      const sidecar = p.status.initContainerStatuses.find((s: { name: string }) => s.name === 'linkerd-proxy');
      assert.equal(sidecar.ready, true);
      assert.match(await kubectlOk(sim, ['-n', ns, 'logs', p.metadata.name, '-c', 'linkerd-proxy']), /Local identity is default\.ns-\d+\.serviceaccount\.identity\.linkerd\.cluster\.local/);
    });
  });
});
