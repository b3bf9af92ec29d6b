import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { meshawareExtension } from '../harness/inExtensionHost';
import { waitUntil } from '../harness/poll';

const INTERVAL_S = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function trafficTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('meshaware.trafficEditor'));
}

/**
 * Live Traffic in an editor tab beside the side view, against the simulated emojivoto read through its proxies:
 * the side view, the tab and a policy file's live numbers all share the one reader, counted in the simulator's
 * request log as scrapes of one proxy.
 */
describe('Live Traffic in an editor tab (one reader for the view, the tab and the policy lenses)', function () {
  this.timeout(180_000);
  let sim: Simulator;
  const savedKubeconfig = process.env.KUBECONFIG;
  const config = () => vscode.workspace.getConfiguration('meshaware.traffic');
  /** Scrapes of web's proxies so far: each read of the proxies source scrapes every meshed pod once. */
  const scrapes = () => sim.requests.count(/^GET \/api\/v1\/namespaces\/emojivoto\/pods\/web-[^/]+\/proxy\/metrics$/);
  const scrapesOver = async (ms: number) => {
    const before = scrapes();
    await sleep(ms);
    return scrapes() - before;
  };

  before(async () => {
    sim = await startSimulator({ readinessDelayMs: 100, scenario: 'emojivoto', linkerd: 'installed' });
    await meshawareExtension().activate();
    await config().update('refreshSeconds', INTERVAL_S, vscode.ConfigurationTarget.Global);
    await config().update('source', 'proxies', vscode.ConfigurationTarget.Global);
    process.env.KUBECONFIG = sim.kubeconfigPath;
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
  });
  after(async () => {
    for (const t of trafficTabs()) await vscode.window.tabGroups.close(t);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('refreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('source', undefined, vscode.ConfigurationTarget.Global);
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = savedKubeconfig;
    await sim.close();
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
  });

  it('is a command with a category, in the view title bar', () => {
    const pkg = meshawareExtension().packageJSON as { contributes: { commands: { command: string; category?: string }[]; menus: Record<string, { command: string; when?: string }[]> } };
    assert.equal(pkg.contributes.commands.find((c) => c.command === 'meshaware.traffic.openInEditor')?.category, 'Meshaware');
    assert.ok(pkg.contributes.menus['view/title'].some((m) => m.command === 'meshaware.traffic.openInEditor' && m.when === 'view == meshaware.traffic'));
  });

  it('opens one editor tab beside the side view; opening it again reveals the same tab', async () => {
    await vscode.commands.executeCommand('meshaware.traffic.focus');
    await vscode.commands.executeCommand('meshaware.traffic.openInEditor');
    await waitUntil(() => trafficTabs().length === 1, 10_000, 'no Live Traffic editor tab');
    await vscode.commands.executeCommand('meshaware.traffic.openInEditor');
    await sleep(500);
    assert.equal(trafficTabs().length, 1);
    assert.equal(trafficTabs()[0].label, 'Live Traffic');
  });

  it('reads the cluster once per interval for the view, the tab and a policy file together', async () => {
    await waitUntil(() => scrapes() > 0, 60_000, 'the view and the tab never read the proxies');
    // A policy file beside the tab: its live numbers come from the same reader.
    const policy = await vscode.workspace.openTextDocument(vscode.Uri.file(join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'policy.yaml')));
    await vscode.window.showTextDocument(policy, vscode.ViewColumn.Beside);
    await vscode.commands.executeCommand('meshaware.traffic.focus');
    assert.equal(trafficTabs().length, 1);
    const window = 12_000;
    const n = await scrapesOver(window);
    // web runs two replicas. One reader polls every INTERVAL_S after the last read finished: at most
    // window / interval reads (plus one in flight), two scrapes each; three readers would make three times that.
    const reads = window / (INTERVAL_S * 1000) + 1;
    assert.ok(n >= 2, `the reader stopped: ${n} scrapes of web in ${window} ms`);
    assert.ok(n <= 2 * reads, `${n} scrapes of web's two proxies in ${window} ms: more than one reader polls (at most ${2 * reads} for one)`);
  });

  it('closing the tab stops nothing the side view needs; with the view hidden too, nothing polls', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitUntil(() => trafficTabs().length === 0, 10_000, 'the tab did not close');
    await vscode.commands.executeCommand('meshaware.traffic.focus');
    await sleep(INTERVAL_S * 1000);
    assert.ok((await scrapesOver(8_000)) >= 2, 'the side view alone stopped reading when the tab closed');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await sleep(INTERVAL_S * 1000 + 1000); // a read in flight may finish
    assert.equal(await scrapesOver(8_000), 0, 'something still polls with the view hidden and the tab closed');
  });
});
