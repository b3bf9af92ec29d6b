import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../sim/simulator';
import type { ExtensionServices } from '../../src/editor/context';
import { meshawareExtension } from '../harness/inExtensionHost';

/**
 * The cluster features inside a real extension host, against the simulated cluster started in this same
 * process: the extension finds it only through KUBECONFIG, as it would find kind or k3d.
 */
describe('cluster features in the extension host', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let services: ExtensionServices;
  const savedKubeconfig = process.env.KUBECONFIG;

  before(async () => {
    sim = await startSimulator({ readinessDelayMs: 100 });
    services = (await meshawareExtension().activate()) as ExtensionServices;
    process.env.KUBECONFIG = sim.kubeconfigPath;
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
  });
  after(async () => {
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = savedKubeconfig;
    await sim.close();
    // Leave no context behind: other suites count code lenses, and a context adds "Apply to …" lenses.
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
  });
  afterEach(() => sim.faults.clear());

  it('shows the kubeconfig context, local, without Linkerd', () => {
    const s = services.cluster.state;
    assert.equal(s.context?.name, 'meshaware-sim');
    assert.equal(s.verdict?.local, true);
    assert.equal(s.linkerd?.installed, false);
    assert.equal(s.error, undefined);
  });

  it('restarts a running workload from the command', async () => {
    await services.cluster.client().then((c) =>
      c.apply({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'example/web:1' }] } } },
      }),
    );
    // Confirmed already (as from the offer after Add to mesh): the confirmation dialog is the UI tier's to click.
    await vscode.commands.executeCommand('meshaware.cluster.restartWorkload', { kind: 'Deployment', name: 'web', namespace: 'default' }, true);
    const d = await (await services.cluster.client()).get<{ spec: { template: { metadata: { annotations?: Record<string, string> } } } }>('apps/v1', 'Deployment', 'web', 'default');
    assert.ok(d.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], 'the pod template was stamped');
  });

  it('puts "Apply to <context>" above each object\'s first key, its icon apart from the text', async () => {
    const text = '# A file comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\n# About two\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    let lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < 50 && lenses.length < 2; i++) {
      lenses = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).filter((l) => l.command?.title.includes('Apply to meshaware-sim'));
      if (lenses.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    // Lines 2 and 8 (1-based) hold each object's apiVersion: the lens sits above it, never between apiVersion and kind.
    assert.deepEqual(lenses.map((l) => l.range.start.line), [1, 7]);
    assert.ok(lenses.every((l) => l.command!.title.startsWith('$(cloud-upload)\u2002Apply to')), lenses.map((l) => l.command!.title).join(', '));
  });

  it('sees Linkerd once installed, with certificate expiry', async () => {
    const { installLinkerd } = await import('../../src/core/lifecycle/install');
    const { rotateIssuer } = await import('../../src/core/lifecycle/rotateIssuer');
    const { generateIdentityCredentials } = await import('../../src/core/controlplane/certs/identity');
    const { AnchorStore } = await import('../../src/editor/controlPlane/anchorStore');
    const { trustAnchor } = await generateIdentityCredentials();
    // The anchor the editor keeps for the context, in VS Code's real secret storage, is what install reuses.
    const store = new AnchorStore(services.context.secrets);
    await store.delete('meshaware-sim');
    await store.set('meshaware-sim', trustAnchor);
    const client = await services.cluster.client();
    const result = await installLinkerd(client, { anchors: store.forContext('meshaware-sim'), installGatewayApi: true, progress: () => undefined, call: {} });
    assert.equal(result.identity, 'from-local');
    await store.delete('meshaware-sim');
    await rotateIssuer(client, trustAnchor, { days: 30, progress: () => undefined, call: {} });
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
    const s = services.cluster.state;
    assert.equal(s.linkerd?.installed, true);
    assert.ok(s.expiry && s.expiry.issuerDays <= 30 && s.expiry.anchorDays > 3000, JSON.stringify(s.expiry));
  });

  it("never replaces a trust anchor stored in VS Code's secret storage without being asked to", async () => {
    const { AnchorStore, StoredAnchorExists } = await import('../../src/editor/controlPlane/anchorStore');
    const { generateIdentityCredentials } = await import('../../src/core/controlplane/certs/identity');
    const [a, b] = [(await generateIdentityCredentials()).trustAnchor, (await generateIdentityCredentials()).trustAnchor];
    const store = new AnchorStore(services.context.secrets);
    await store.delete('anchor-test');
    await store.set('anchor-test', a);
    await store.set('anchor-test', a);
    await assert.rejects(store.set('anchor-test', b), (e: Error) => e instanceof StoredAnchorExists);
    assert.deepEqual(await store.get('anchor-test'), a);
    await assert.rejects(store.forContext('anchor-test').save(b), (e: Error) => e instanceof StoredAnchorExists);
    await store.set('anchor-test', b, { replace: true });
    assert.deepEqual(await store.get('anchor-test'), b);
    await store.delete('anchor-test');
  });

  const faults: [string, () => void, RegExp][] = [
    ['a 403', () => sim.faults.set({ forbidden: [{ resource: 'namespaces' }] }), /Forbidden: you may not get namespaces "linkerd"/],
    ['an expired token', () => sim.faults.set({ tokenExpired: true }), /did not accept your credentials \(401\)/],
    ['a slow API server', () => sim.faults.set({ latencyMs: 7000 }), /did not answer within 5 s/],
  ];
  for (const [what, inject, message] of faults) {
    it(`explains ${what} in the cluster status`, async () => {
      inject();
      await vscode.commands.executeCommand('meshaware.cluster.refresh');
      assert.match(services.cluster.state.error ?? '', message);
    });
  }

  it('explains a wrong CA and an unreachable server', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'mw-kc-'));
    sim.writeKubeconfig(join(dir, 'wrong-ca'), { wrongCa: true });
    process.env.KUBECONFIG = join(dir, 'wrong-ca');
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
    assert.match(services.cluster.state.error ?? '', /certificate that could not be verified/);
    writeFileSync(join(dir, 'down'), readFileSync(sim.kubeconfigPath, 'utf8').replace(sim.url, 'https://127.0.0.1:1'));
    process.env.KUBECONFIG = join(dir, 'down');
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
    assert.match(services.cluster.state.error ?? '', /Cannot reach the API server of context "meshaware-sim"/);
    process.env.KUBECONFIG = sim.kubeconfigPath;
  });

  it('never shows credentials from a kubeconfig server URL: not in the status, its tooltip or the error', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { statusTooltip } = await import('../../src/editor/cluster/statusBar');
    const file = join(mkdtempSync(join(tmpdir(), 'mw-creds-')), 'config');
    writeFileSync(file, readFileSync(sim.kubeconfigPath, 'utf8').replace(sim.url, 'https://admin:s3cret@127.0.0.1:1'));
    process.env.KUBECONFIG = file;
    try {
      await vscode.commands.executeCommand('meshaware.cluster.refresh');
      const s = services.cluster.state;
      assert.equal(s.context?.server, 'https://127.0.0.1:1/');
      assert.match(s.error ?? '', /Cannot reach the API server of context "meshaware-sim" at https:\/\/127\.0\.0\.1:1\//);
      const tooltip = statusTooltip(s).value;
      assert.match(tooltip, /127\.0\.0\.1:1/);
      for (const shown of [JSON.stringify(s), tooltip]) assert.ok(!shown.includes('s3cret'), shown);
    } finally {
      process.env.KUBECONFIG = sim.kubeconfigPath;
    }
  });

  it('has no context when the kubeconfig is empty, and says how to get one', async () => {
    process.env.KUBECONFIG = '/nonexistent/kubeconfig';
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
    assert.equal(services.cluster.state.context, undefined);
    await assert.rejects(services.cluster.client(), (e: Error & { userMessage?: string }) => /No Kubernetes context is selected/.test(e.message) && /kind, k3d, minikube/.test(e.userMessage ?? ''));
    process.env.KUBECONFIG = sim.kubeconfigPath;
  });

  it('picks up kubeconfig changes on disk without a refresh', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'mw-watch-')), 'config');
    writeFileSync(file, readFileSync(sim.kubeconfigPath, 'utf8'));
    process.env.KUBECONFIG = file;
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
    assert.equal(services.cluster.state.context?.name, 'meshaware-sim');
    // What `kubectl config rename-context` or a cluster tool rewriting the file does.
    writeFileSync(file, readFileSync(file, 'utf8').split('meshaware-sim').join('renamed-sim'));
    const contextName = () => services.cluster.state.context?.name;
    const deadline = Date.now() + 20_000;
    while (contextName() !== 'renamed-sim' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(contextName(), 'renamed-sim', 'the kubeconfig watcher did not reload the file');
    process.env.KUBECONFIG = sim.kubeconfigPath;
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
  });
});
