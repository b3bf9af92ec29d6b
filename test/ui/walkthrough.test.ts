import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { ClusterClient } from '../../src/core/cluster/client';
import { KubeTransport } from '../../src/core/cluster/transport';
import { screenshotOnFailure } from '../harness/browser';
import { podTemplateInject } from '../harness/manifestOnDisk';
import { repoRoot } from '../harness/paths';
import { waitUntil } from '../harness/poll';
import { codeLens, openFromExplorer } from '../harness/workbench';
import { openWorkbench, type WorkbenchSession } from '../harness/workbenchSession';

async function palette(page: Page, command: string, timeout = 30_000): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${command}`, { timeout });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().click({ timeout });
}

/**
 * Waits for a notification, as a toast or, since toasts may be hidden (e.g. while the page lacks focus), in the
 * notification center; returns the row so its buttons can be clicked.
 */
async function notification(page: Page, text: string | RegExp, timeout: number) {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const centre = page.locator('.notifications-center .monaco-list-row', { hasText: text }).first();
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await toast.isVisible()) return toast;
    if (await centre.isVisible()) return centre;
    // The command toggles nothing when the centre is already open, so it is safe to run every round.
    if (!(await page.locator('.notifications-center.visible').isVisible())) {
      // A dialog or a toast animating in can make the palette inert for a moment: close it and try next round.
      await palette(page, 'Notifications: Show Notifications', 5_000).catch(() => page.keyboard.press('Escape'));
    }
    await page.waitForTimeout(1000);
  }
  throw new Error(`no notification matching ${String(text)} within ${timeout / 1000} s`);
}

async function dialogButton(page: Page, label: string): Promise<void> {
  const button = page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
  await button.waitFor({ timeout: 60_000 });
  await button.click();
}

/** A button of an expanded walkthrough step (a command link in the step's description). */
function stepButton(page: Page, label: string) {
  return page.locator('.getting-started-step .button-container .monaco-button', { hasText: label }).first();
}

function step(page: Page, title: string) {
  return page.locator('.getting-started-step', { hasText: title }).first();
}

/**
 * The Get Started walkthrough, clicked through in the workbench against the simulated cluster: pick the
 * context, install Linkerd, add vote-bot to the mesh, apply it (the sim's injector then meshes the new
 * pods) and open the traffic view. Screenshots go to media/ for the README.
 */
describe('Get Started walkthrough against the simulated cluster', () => {
  let sim: Simulator;
  let session: WorkbenchSession | undefined;

  let client: ClusterClient;

  before(async () => {
    sim = await startSimulator({ readinessDelayMs: 300 });
    // The test's own view of the cluster, independent of the extension under test.
    const connection = { contextName: sim.contextName, server: sim.url, tls: { ca: sim.caPem, headers: { Authorization: `Bearer ${sim.token}` } } };
    client = new ClusterClient(new KubeTransport(connection, { info() {}, warn() {} }));
    session = await openWorkbench('ui-walkthrough', 'development', { KUBECONFIG: sim.kubeconfigPath });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(session?.page, `ui-walkthrough-${this.currentTest.title.split(' ')[0]}`);
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });

  it('opens and picks the local context', async () => {
    const { page } = session!;
    await openFromExplorer(page, 'vote-bot.yaml');
    await palette(page, 'Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Linkerd in Meshaware' }).first().click();
    await step(page, 'Pick a local cluster').waitFor({ timeout: 30_000 });
    await stepButton(page, 'Select Kubernetes Context').click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'meshaware-sim' }).first().click();
    await page.locator('.statusbar-item', { hasText: 'meshaware-sim' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'no Linkerd' }).first().waitFor({ timeout: 30_000 });
  });

  it('installs Linkerd from the walkthrough, after a confirmation', async () => {
    const { page } = session!;
    await step(page, 'Install Linkerd').click();
    await stepButton(page, 'Install Linkerd').click();
    await dialogButton(page, 'Install');
    await notification(page, /Linkerd 2\.20 is installed on "meshaware-sim"/, 180_000);
    await page.locator('.statusbar-item', { hasText: 'Linkerd' }).filter({ hasNotText: 'no Linkerd' }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(repoRoot, 'media', 'walkthrough-install.png') });
    assert.ok(await client.tryGet('apps/v1', 'Deployment', 'linkerd-proxy-injector', 'linkerd'), 'the control plane is in the cluster');
  });

  it('checks the installed control plane and shows the results in the Linkerd Health view', async () => {
    const { page } = session!;
    // A slow API server, so the run lasts long enough to watch the view fill in as checks finish.
    sim.faults.set({ latencyMs: 250 });
    await palette(page, 'Meshaware: Check Linkerd');
    const health = page.locator('.pane', { hasText: 'Linkerd Health' });
    await health.locator('.monaco-list-row', { hasText: 'kubernetes-api' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await health.locator('.monaco-list-row', { hasText: 'linkerd-data-plane' }).count(), 0, 'the first results show before the last category has run');
    await notification(page, /Linkerd check: all checks passed on "meshaware-sim"/, 90_000);
    sim.faults.set({ latencyMs: 0 });
    await health.locator('.monaco-list-row', { hasText: 'linkerd-identity' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await health.locator('.monaco-list-row .codicon-error').count(), 0, 'no failed check in the tree');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(repoRoot, 'media', 'linkerd-health.png') });
  });

  it('adds vote-bot to the mesh and applies it, so the new pods get the proxy', async () => {
    const { page, workspace } = session!;
    // The check focused the Meshaware side bar; a user goes back to the explorer to open the file.
    await palette(page, 'View: Show Explorer');
    await openFromExplorer(page, 'vote-bot.yaml');
    await codeLens(page, 'Add to mesh').click();
    await page.locator('.view-lines', { hasText: 'linkerd.io/inject' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+S');
    // The file may be read mid-write; a failed read is just another poll.
    const saved = () => {
      try {
        return podTemplateInject(join(workspace, 'vote-bot.yaml'), 'vote-bot') === 'enabled';
      } catch {
        return false;
      }
    };
    await waitUntil(saved, 20_000, 'vote-bot.yaml was not saved with the annotation');
    const offer = await notification(page, 'without the Linkerd proxy', 30_000);
    await offer.locator('.monaco-button', { hasText: 'Apply to Cluster' }).click();
    await dialogButton(page, 'Apply');
    await notification(page, /Applied 1 object\(s\) to "meshaware-sim"/, 60_000);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(repoRoot, 'media', 'walkthrough-apply.png') });
    const meshed = async () => (await client.list('v1', 'Pod', { namespace: 'emojivoto', labelSelector: 'linkerd.io/proxy-deployment=vote-bot' })).items.length > 0;
    for (let i = 0; i < 100 && !(await meshed()); i++) await new Promise((r) => setTimeout(r, 200));
    assert.ok(await meshed(), 'no injected vote-bot pod in the simulated cluster');
  });
});
