import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { generateIdentityCredentials, type IdentityCredentials } from '../../src/core/controlplane/certs/identity';
import { BUNDLED } from '../../src/core/controlplane/catalog';
import { ClusterError } from '../../src/core/cluster/errors';
import { CLI_ACTIONS, fixLabel, runChecks, type CheckReport } from '../../src/core/lifecycle/checks';
import { controlPlaneCategories } from '../../src/core/lifecycle/controlPlaneChecks';
import { installLinkerd } from '../../src/core/lifecycle/install';
import { preInstallCategories } from '../../src/core/lifecycle/preChecks';
import { rotateIssuer } from '../../src/core/lifecycle/rotateIssuer';
import { planUninstall, uninstallLinkerd } from '../../src/core/lifecycle/uninstall';
import { upgradeLinkerd, workloadsToRestart } from '../../src/core/lifecycle/upgrade';
import { detectLinkerd, restartWorkload } from '../../src/core/cluster/workloads';
import { CLUSTER_SCOPED_KINDS, memoryAnchors, simulatedCluster } from './simContext';
import type { Simulator } from '../../sim/simulator';
import type { ClusterClient } from '../../src/core/cluster/client';
import { isCancelled } from '../../src/core/cancel';
import { watchRollout } from '../../src/core/cluster/rollout';
import type { PodObject } from '../../src/core/traffic/pods';


/** Every cluster-scoped object by kind and name: what "the cluster as it was" means for uninstall. */
async function snapshot(client: ClusterClient): Promise<string[]> {
  const out: string[] = [];
  for (const [apiVersion, kind] of CLUSTER_SCOPED_KINDS) {
    for (const o of (await client.list(apiVersion, kind)).items) out.push(`${kind}/${o.metadata?.name}`);
  }
  return out.sort();
}

function failures(report: CheckReport): string[] {
  return report.categories.flatMap((c) => c.checks.filter((k) => k.result === 'error').map((k) => `${k.description}: ${k.error}`));
}

describe('control plane lifecycle against the simulated cluster', () => {
  let sim: Simulator;
  let client: ClusterClient;
  let credentials: IdentityCredentials;
  let pristine: string[];
  const steps: string[] = [];
  const progress = (m: string) => void steps.push(m);
  const check = () => runChecks(controlPlaneCategories(BUNDLED), { client, call: {}, facts: new Map(), actions: CLI_ACTIONS });

  before(async () => {
    ({ sim, client } = await simulatedCluster());
    credentials = await generateIdentityCredentials();
    pristine = await snapshot(client);
  });
  after(() => sim.close());

  it('check --pre passes on a fresh cluster, warning only about the Gateway API CRDs install will add', async () => {
    const report = await runChecks(preInstallCategories(BUNDLED), { client, call: {}, facts: new Map(), actions: CLI_ACTIONS });
    assert.deepEqual(failures(report), []);
    const warnings = report.categories.flatMap((c) => c.checks.filter((k) => k.result === 'warning').map((k) => k.description));
    assert.deepEqual(warnings, ['Gateway API CRDs are installed']);
  });

  it('a missing permission is reported before anything changes, in the cluster or in the anchor store', async () => {
    sim.faults.set({ forbidden: [{ resource: 'customresourcedefinitions', group: 'apiextensions.k8s.io', verbs: ['create', 'patch', 'update'] }] });
    const anchors = memoryAnchors();
    try {
      await assert.rejects(
        installLinkerd(client, { anchors, installGatewayApi: true, progress, call: {} }),
        (e: ClusterError) => e.kind === 'forbidden' && /not allowed to create customresourcedefinitions\.apiextensions\.k8s\.io, patch customresourcedefinitions/.test(e.userMessage) && /Nothing was changed/.test(e.userMessage),
      );
    } finally {
      sim.faults.clear();
    }
    assert.deepEqual(await snapshot(client), pristine);
    assert.equal(anchors.anchor, undefined, 'no trust anchor was created');
  });

  it('an install interrupted halfway resumes when re-run, keeping the identity it created', async () => {
    const ac = new AbortController();
    const seen: string[] = [];
    const anchors = memoryAnchors(credentials.trustAnchor);
    const interrupted = installLinkerd(client, {
      anchors,
      installGatewayApi: true,
      call: { signal: ac.signal },
      progress: (m) => {
        seen.push(m);
        if (m === 'applied secret/linkerd-identity-issuer') ac.abort();
      },
    });
    await assert.rejects(interrupted, (e) => isCancelled(e));
    assert.equal(await client.tryGet('apps/v1', 'Deployment', 'linkerd-destination', 'linkerd'), undefined, 'stopped before the deployments');
    const result = await installLinkerd(client, { anchors, installGatewayApi: true, progress, call: {} });
    assert.equal(result.identity, 'reuse-cluster', 'the resumed install reuses the identity already in the cluster');
    assert.ok(steps.some((m) => /reusing the identity .* already in the cluster; it is signed by the trust anchor stored in/.test(m)));
    assert.ok(steps.includes('Linkerd control plane is ready'));
    assert.equal((await detectLinkerd(client)).installed, true);
  });

  it('check is green after install', async () => {
    assert.deepEqual(failures(await check()), []);
  });

  it("check has linkerd check's existence, network, version, proxy and webhook certificate checks, and each catches its fault", async () => {
    type Data = { data: Record<string, string> };
    const webhook = await client.get<{ webhooks: { clientConfig: { caBundle: string } }[] }>('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'linkerd-proxy-injector-webhook-config');
    const config = await client.get<Data>('v1', 'ConfigMap', 'linkerd-config', 'linkerd');
    const foreign = await generateIdentityCredentials();
    await client.patch('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'linkerd-proxy-injector-webhook-config', undefined, [{ op: 'replace', path: '/webhooks/0/clientConfig/caBundle', value: Buffer.from(foreign.trustAnchor.certPem).toString('base64') }], 'json');
    const values = config.data.values.replace(/^linkerdVersion: .*$/m, 'linkerdVersion: edge-26.1.1').replace(/^clusterNetworks: .*$/m, 'clusterNetworks: 192.168.0.0/16');
    await client.patch('v1', 'ConfigMap', 'linkerd-config', 'linkerd', { data: { values } }, 'merge');
    try {
      const report = await check();
      const all = report.categories.flatMap((c) => c.checks.map((k) => `${c.categoryName} | ${k.result} | ${k.description}${k.error ? `: ${k.error}` : ''}`));
      for (const expected of [
        /^linkerd-existence \| success \| heartbeat ServiceAccount exist$/,
        /^linkerd-existence \| success \| control plane replica sets are ready$/,
        /^linkerd-existence \| success \| no unschedulable pods$/,
        /^linkerd-existence \| error \| cluster networks contains all node podCIDRs: Node podCIDR 10\.244\.0\.0\/24 is not in the Linkerd clusterNetworks \(192\.168\.0\.0\/16\)/,
        /^linkerd-existence \| error \| cluster networks contains all pods: .*do not include pod emojivoto\/emoji-/,
        /^linkerd-existence \| error \| cluster networks contains all services: .*do not include service default\/kubernetes/,
        /^linkerd-config \| success \| proxy-init container runs as root user if docker container runtime is used$/,
        /^linkerd-identity \| success \| issuer cert is issued by the trust anchor$/,
        /^linkerd-webhooks-and-apisvc-tls \| error \| proxy-injector webhook has valid cert: the serving certificate is not signed by the caBundle/,
      ]) {
        assert.ok(all.some((line) => expected.test(line)), `${expected} in\n${all.join('\n')}`);
      }
    } finally {
      await client.patch('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'linkerd-proxy-injector-webhook-config', undefined, [{ op: 'replace', path: '/webhooks/0/clientConfig/caBundle', value: webhook.webhooks[0].clientConfig.caBundle }], 'json');
      await client.patch('v1', 'ConfigMap', 'linkerd-config', 'linkerd', { data: config.data }, 'merge');
    }
    const versions = await client.get<Data>('v1', 'ConfigMap', 'linkerd-config', 'linkerd');
    await client.patch('v1', 'ConfigMap', 'linkerd-config', 'linkerd', { data: { values: versions.data.values.replace(/^linkerdVersion: .*$/m, 'linkerdVersion: edge-26.1.1') } }, 'merge');
    try {
      const report = await check();
      const version = report.categories.find((c) => c.categoryName === 'control-plane-version')!.checks;
      assert.deepEqual(version.map((k) => [k.description, k.result]), [['can retrieve the control plane version', 'success'], ['control plane and cli versions match', 'warning']]);
      assert.match(version[1].error ?? '', /runs edge-26\.1\.1; Meshaware carries edge-26\.6\.3/);
      const proxies = report.categories.find((c) => c.categoryName === 'linkerd-control-plane-proxy')!.checks;
      assert.deepEqual(proxies.map((k) => [k.description, k.result]), [['control plane proxies are healthy', 'success'], ['control plane proxies and cli versions match', 'success']]);
    } finally {
      await client.patch('v1', 'ConfigMap', 'linkerd-config', 'linkerd', { data: versions.data }, 'merge');
    }
    assert.deepEqual(failures(await check()), []);
  });

  it('rotating the issuer keeps the mesh healthy and changes the issuer certificate', async () => {
    const before = (await client.get<{ data: Record<string, string> }>('v1', 'Secret', 'linkerd-identity-issuer', 'linkerd')).data['crt.pem'];
    const issuer = await rotateIssuer(client, credentials.trustAnchor, { progress, call: {} });
    const after = (await client.get<{ data: Record<string, string> }>('v1', 'Secret', 'linkerd-identity-issuer', 'linkerd')).data['crt.pem'];
    assert.notEqual(after, before);
    assert.equal(Buffer.from(after, 'base64').toString(), issuer.certPem.trim());
    // The install's records follow, or `linkerd check` and a later `linkerd upgrade` would see the old issuer.
    const values = parse((await client.get<{ data: Record<string, string> }>('v1', 'ConfigMap', 'linkerd-config', 'linkerd')).data.values, { version: '1.1' });
    assert.equal(values.identity.issuer.tls.crtPEM, issuer.certPem);
    const stored = (await client.get<{ data: Record<string, string> }>('v1', 'Secret', 'linkerd-config-overrides', 'linkerd')).data['linkerd-config-overrides'];
    const overrides = parse(Buffer.from(stored, 'base64').toString(), { version: '1.1' });
    assert.deepEqual(overrides.identity.issuer.tls, { crtPEM: issuer.certPem, keyPEM: issuer.keyPem });
    assert.deepEqual(failures(await check()), []);
  });

  it('a broken issuer makes identity crash-loop, and check says why', async () => {
    const good = await client.get<{ data: Record<string, string> }>('v1', 'Secret', 'linkerd-identity-issuer', 'linkerd');
    const foreign = await generateIdentityCredentials();
    const encode = (t: string) => Buffer.from(t).toString('base64');
    await client.patch('v1', 'Secret', 'linkerd-identity-issuer', 'linkerd', { data: { 'crt.pem': encode(foreign.issuer.certPem), 'key.pem': encode(foreign.issuer.keyPem) } }, 'merge');
    await restartWorkload(client, 'Deployment', 'linkerd-identity', 'linkerd');
    let report: CheckReport | undefined;
    for (let i = 0; i < 100; i++) {
      report = await check();
      if (failures(report).some((f) => /Crash-looping/.test(f))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const problems = failures(report!).join('\n');
    assert.match(problems, /control plane pods are ready: Not ready: linkerd-identity .*Crash-looping: linkerd-identity-[a-z0-9-]+\/identity \(log: .*(unknown authority|issuer)/);
    await client.patch('v1', 'Secret', 'linkerd-identity-issuer', 'linkerd', { data: good.data }, 'merge');
    await restartWorkload(client, 'Deployment', 'linkerd-identity', 'linkerd');
    for (let i = 0; i < 100 && failures(await check()).length; i++) await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(failures(await check()), [], 'healthy again with the right issuer');
  });

  it('rotation refuses an anchor the cluster does not trust', async () => {
    const other = await generateIdentityCredentials();
    await assert.rejects(rotateIssuer(client, other.trustAnchor, { progress, call: {} }), (e: ClusterError) => /does not chain/.test(e.message));
  });

  it('upgrade re-applies the bundled release, keeps the identity and reports nothing to restart on an unmeshed cluster', async () => {
    const anchorsBefore = (await client.get<{ data: Record<string, string> }>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', 'linkerd')).data;
    const result = await upgradeLinkerd(client, { progress, call: {} });
    const anchorsAfter = (await client.get<{ data: Record<string, string> }>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', 'linkerd')).data;
    assert.deepEqual(anchorsAfter, anchorsBefore);
    assert.deepEqual(result.pruned, []);
    assert.deepEqual(result.restartNeeded, []);
    assert.deepEqual(failures(await check()), []);
  });

  it('names the workloads whose pods still run an older proxy', async () => {
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-7d9f-abcde', namespace: 'shop', labels: { 'linkerd.io/control-plane-ns': 'linkerd', 'linkerd.io/proxy-deployment': 'web' } },
      spec: { containers: [{ name: 'web', image: 'example/web:1' }, { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:edge-25.1.1' }] },
    });
    const stale = await workloadsToRestart(client, 'linkerd', BUNDLED.edge, {});
    assert.deepEqual(stale, [{ namespace: 'shop', kind: 'Deployment', name: 'web', proxyVersion: 'edge-25.1.1' }]);
    await client.delete('v1', 'Namespace', 'shop');
  });

  it('uninstall deletes webhook configurations first and leaves the cluster as it was', async () => {
    const plan = await planUninstall(client, { call: {} });
    assert.equal(plan.items[0].kind, 'MutatingWebhookConfiguration');
    assert.equal(plan.items[plan.items.length - 1].kind, 'Namespace');
    assert.ok(plan.items.some((i) => i.name === 'httproutes.gateway.networking.k8s.io'), 'the Gateway API CRDs we installed go too');
    await uninstallLinkerd(client, plan, { progress, call: {} });
    assert.deepEqual(await snapshot(client), pristine);
  });

  it('uninstall leaves Gateway API CRDs that someone else installed, and install neither mixes in its own nor goes on without the ones Linkerd reads', async () => {
    const crd = (kind: string) => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${kind.toLowerCase()}s.gateway.networking.k8s.io` },
      spec: { group: 'gateway.networking.k8s.io', scope: 'Namespaced', names: { kind, plural: `${kind.toLowerCase()}s` }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
    });
    await client.apply(crd('HTTPRoute'));
    const before = await snapshot(client);
    await assert.rejects(installLinkerd(client, { anchors: memoryAnchors(credentials.trustAnchor), installGatewayApi: true, progress, call: {} }), (e: ClusterError) => /installed by someone else, but not grpcroutes\.gateway\.networking\.k8s\.io/.test(e.message));
    assert.deepEqual(await snapshot(client), before, 'nothing was changed');
    await client.apply(crd('GRPCRoute'));
    await installLinkerd(client, { anchors: memoryAnchors(credentials.trustAnchor), installGatewayApi: true, progress, call: {} });
    assert.equal(await client.tryGet('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'tcproutes.gateway.networking.k8s.io'), undefined, 'no route CRD of ours next to theirs');
    const plan = await planUninstall(client, { call: {} });
    assert.ok(!plan.items.some((i) => i.name.endsWith('.gateway.networking.k8s.io')));
    await uninstallLinkerd(client, plan, { progress, call: {} });
    assert.ok(await client.tryGet('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'httproutes.gateway.networking.k8s.io'));
  });
});

describe('the simulator started with --linkerd installed', () => {
  it('holds what an install produces: check passes, every proxy runs the bundled version', async () => {
    const { sim, client } = await simulatedCluster({ scenario: 'emojivoto', linkerd: 'installed' });
    try {
      await new Promise((r) => setTimeout(r, 500));
      const report = await runChecks(controlPlaneCategories(BUNDLED), { client, call: {}, facts: new Map(), actions: CLI_ACTIONS });
      assert.deepEqual(failures(report), []);
      assert.deepEqual(report.categories.flatMap((c) => c.checks.filter((k) => k.result === 'warning').map((k) => `${k.description}: ${k.error}`)), []);
      assert.deepEqual(await workloadsToRestart(client, 'linkerd', BUNDLED.edge, {}), [], 'no meshed pod runs another proxy version');
    } finally {
      await sim.close();
    }
  });
});

describe("the demo's path: install on the sample cluster, then mesh emojivoto and restart it", () => {
  // The simulator's injector once stamped its own proxy version (edge-26.8.3) on every pod, so right after install
  // and restart the Linkerd Health view warned that 4 meshed pods ran another proxy than the control plane.
  it('the restarted pods run the installed proxy, check has no warning, and a pod of another version comes with its fix', async () => {
    const { sim, client } = await simulatedCluster({ scenario: 'emojivoto' });
    try {
      await installLinkerd(client, { anchors: memoryAnchors(), installGatewayApi: true, progress: () => undefined, call: {} });
      await client.patch('v1', 'Namespace', 'emojivoto', undefined, { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } }, 'merge');
      const deployments = (await client.list('apps/v1', 'Deployment', { namespace: 'emojivoto' })).items.map((d) => d.metadata!.name!);
      assert.equal(deployments.length, 4, deployments.join(', '));
      for (const name of deployments) await restartWorkload(client, 'Deployment', name, 'emojivoto');
      for (const name of deployments) await watchRollout(client, { kind: 'Deployment', name, namespace: 'emojivoto' }, { pollMs: 50 });

      const pods = (await client.list<PodObject>('v1', 'Pod', { namespace: 'emojivoto', labelSelector: 'linkerd.io/control-plane-ns' })).items;
      assert.ok(pods.length >= 4, `meshed pods: ${pods.length}`);
      const containers = (p: PodObject) => [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])] as { name?: string; image?: string }[];
      const proxies = new Set(pods.map((p) => containers(p).find((c) => c.name === 'linkerd-proxy')?.image));
      assert.deepEqual([...proxies], [`cr.l5d.io/linkerd/proxy:${BUNDLED.edge}`]);
      const report = await runChecks(controlPlaneCategories(BUNDLED), { client, call: {}, facts: new Map(), actions: CLI_ACTIONS });
      assert.deepEqual(failures(report), []);
      assert.deepEqual(report.categories.flatMap((c) => c.checks.filter((k) => k.result === 'warning').map((k) => `${k.description}: ${k.error}`)), []);

      // One workload pinned to an older proxy: the warning names the pod and offers to restart its workload.
      await client.patch('apps/v1', 'Deployment', 'vote-bot', 'emojivoto', { spec: { template: { metadata: { annotations: { 'config.linkerd.io/proxy-version': 'edge-25.1.1' } } } } }, 'merge');
      await watchRollout(client, { kind: 'Deployment', name: 'vote-bot', namespace: 'emojivoto' }, { pollMs: 50 });
      const stale = (await runChecks(controlPlaneCategories(BUNDLED), { client, call: {}, facts: new Map(), actions: CLI_ACTIONS })).categories
        .flatMap((c) => c.checks)
        .find((k) => k.description === 'data plane and cli versions match')!;
      assert.equal(stale.result, 'warning');
      assert.match(stale.error!, /^1 meshed pod runs another proxy version than the control plane \(edge-26\.6\.3\): emojivoto\/vote-bot-[\w-]+ \(edge-25\.1\.1\)\.$/);
      assert.deepEqual(stale.fix, { action: 'restart', workloads: [{ kind: 'Deployment', name: 'vote-bot', namespace: 'emojivoto' }] });
      assert.equal(fixLabel(stale.fix!), 'Restart 1 workload');
    } finally {
      await sim.close();
    }
  });
});
