// The Live Traffic view in the real workbench (code-server in Chromium), reading the simulated emojivoto
// cluster through the kubeconfig the simulator wrote: the graph shows, a node opens its manifest, and
// Add to mesh from the panel edits the workload's file.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { launchChromium, newWorkbenchPage, screenshotOnFailure } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { podTemplateInject } from '../harness/manifestOnDisk';
import { repoRoot } from '../harness/paths';
import { waitUntil } from '../harness/poll';
import { copySampleWorkspace, scratchDir } from '../harness/scratch';
import { waitForExplorer } from '../harness/workbench';

describe('Live Traffic view in the workbench', () => {
  let sim: Simulator | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let panel: FrameLocator;
  let workspace: string;
  const scratch = scratchDir('ui-traffic');

  before(async () => {
    sim = await startSimulator({ scenario: 'emojivoto', linkerd: 'installed', readinessDelayMs: 100 });
    workspace = copySampleWorkspace(scratch.path);
    server = await startCodeServer({ name: 'ui-traffic', workspace, smokeTestDriver: true, env: { KUBECONFIG: sim.kubeconfigPath } });
    browser = await launchChromium();
    page = await newWorkbenchPage(browser);
    await page.goto(server.workbenchUrl([['extensionDevelopmentPath', server.remoteUri(repoRoot)], ['skipWelcome', 'true']]));
    await waitForExplorer(page);
    await page.locator('.activitybar [aria-label^="Meshaware"]').first().click();
    // A webview is two nested frames: VS Code's host frame, then the page itself.
    panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(page, 'ui-traffic');
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await sim?.close();
    scratch.dispose();
  });

  /** Walks the graph with the arrow keys until the details show `name`. */
  async function selectNode(name: string): Promise<void> {
    await panel.locator('.graph').focus();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('ArrowRight');
      if ((await panel.locator('.details h2').count()) && (await panel.locator('.details h2').innerText()) === name) return;
    }
    throw new Error(`no node ${name} in the graph`);
  }

  it('shows the emojivoto graph read from the cluster', async () => {
    // The status line names where the numbers come from.
    await panel.locator('.status', { hasText: 'proxies through the API server' }).waitFor({ timeout: 120_000 });
    await panel.locator('.graph canvas').first().waitFor();
    await selectNode('web');
    // The sample workspace (which the simulator runs) gives web two replicas.
    assert.match(await panel.locator('.details').innerText(), /Meshed pods\s+2\/2/);
    await page.screenshot({ path: join(repoRoot, 'media', 'traffic-panel-workbench.png') });
  });

  it('keeps the output log quiet between polls at its default level (no line per request, no repeated 404)', async () => {
    // The extension's log file under the workbench's user data (the "Meshaware" output channel at info level).
    const find = (dir: string): string | undefined => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        const hit = e.isDirectory() ? find(path) : e.name.endsWith('Meshaware.log') ? path : undefined;
        if (hit) return hit;
      }
      return undefined;
    };
    const file = find(join(server!.userDataDir, 'logs'));
    assert.ok(file, 'the Meshaware log file');
    const before = readFileSync(file, 'utf8');
    assert.match(before, /Live Traffic on meshaware-sim: reading/, 'the log says once where the numbers come from');
    // Three polls of the panel (every 5 s), and the status line moved on meanwhile.
    await page.waitForTimeout(16_000);
    const added = readFileSync(file, 'utf8').slice(before.length).split('\n').filter(Boolean);
    assert.deepEqual(added, [], 'nothing new at info level while the traffic does not change');
    assert.doesNotMatch(before, /404[\s\S]*404/, 'no repeated 404');
  });

  it('opens the manifest of the selected workload on Enter', async () => {
    await selectNode('web');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active[data-resource-name="emojivoto.yaml"]').waitFor({ timeout: 30_000 });
  });

  it('adds an unmeshed workload to the mesh from the panel', async () => {
    const file = join(workspace, 'legacy-client.yaml');
    assert.equal(podTemplateInject(file, 'legacy-client'), undefined);
    await selectNode('legacy-client');
    await panel.locator('.details vscode-button', { hasText: 'Add to mesh' }).click();
    await page.locator('.tabs-container .tab.active[data-resource-name="legacy-client.yaml"]').waitFor({ timeout: 30_000 });
    await page.locator('.view-lines', { hasText: 'linkerd.io/inject' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+S');
    // Read while the save may still be writing it: a half-written file is not an answer yet.
    const annotated = () => {
      try {
        return podTemplateInject(file, 'legacy-client') === 'enabled';
      } catch {
        return false;
      }
    };
    await waitUntil(annotated, 20_000, 'legacy-client.yaml never got linkerd.io/inject: enabled');
  });
});
