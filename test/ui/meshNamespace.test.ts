import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { screenshotOnFailure } from '../harness/browser';
import { repoRoot } from '../harness/paths';
import { codeLens, dialog, dialogButton, goToLine, lensLine, notification, openFromExplorer, palette } from '../harness/workbench';
import { openWorkbench, type WorkbenchSession } from '../harness/workbenchSession';

/** Right-clicks the line of `file` (the active editor) holding `lineText`, after putting the cursor there; returns the menu's entries. */
async function contextMenu(page: Page, file: string, lineText: string): Promise<string[]> {
  await goToLine(page, readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(lineText)) + 1);
  const line = page.locator('.view-line', { hasText: lineText }).first();
  await line.click();
  await page.waitForTimeout(500);
  await line.click({ button: 'right' });
  const items = page.locator('.context-view .monaco-menu .action-item .action-label');
  await items.first().waitFor({ timeout: 10_000 });
  // The menu ignores a click that comes too soon after it opened (it takes it for the end of the right-click).
  await page.waitForTimeout(600);
  return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

async function pickFromMenu(page: Page, label: string): Promise<void> {
  const item = page.locator('.context-view .monaco-menu .action-label', { hasText: label }).first();
  await item.hover();
  await item.click();
}

/** Scrolls the active editor (showing `file`) to the object holding `lineText`, so its lenses are drawn. */
async function revealObject(page: Page, file: string, lineText: string): Promise<void> {
  const lines = readFileSync(file, 'utf8').split('\n');
  let head = lines.findIndex((l) => l.includes(lineText));
  while (head > 0 && !lines[head].startsWith('apiVersion:')) head--;
  await goToLine(page, head + 1);
}

async function applyFile(page: Page, file: string, question: RegExp, applied: RegExp): Promise<void> {
  await openFromExplorer(page, file);
  await palette(page, 'Meshaware: Apply File to Cluster');
  await dialog(page, question);
  await dialogButton(page, 'Apply');
  await notification(page, applied, 60_000);
}

/**
 * The sample workspace against the simulated emojivoto that runs it: applying the untouched files changes nothing and
 * succeeds; then the emojivoto namespace is meshed from its lens, its Apply shows the server-side diff, and its
 * workloads are restarted (one from the context menu, the rest from the namespace's lens) until every pod is meshed.
 */
describe('Apply the sample, mesh its namespace and restart its workloads, in the workbench', () => {
  let sim: Simulator;
  let session: WorkbenchSession | undefined;

  before(async () => {
    // Pods take a second and a half to be ready, so a rollout lasts long enough to watch its progress.
    sim = await startSimulator({ readinessDelayMs: 1500 });
    session = await openWorkbench('ui-mesh-namespace', 'development', { KUBECONFIG: sim.kubeconfigPath });
    // Opening a manifest activates the extension; the status bar then shows the cluster it reads.
    await openFromExplorer(session.page, 'emojivoto.yaml');
    await session.page.locator('.statusbar-item', { hasText: 'no Linkerd' }).first().waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(session?.page, `ui-mesh-namespace-${this.currentTest.title.split(' ')[0]}`);
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });

  it('applies the untouched sample workspace: the diff finds nothing to change and Apply succeeds', async () => {
    const { page, workspace } = session!;
    await openFromExplorer(page, 'emojivoto.yaml');
    const menu = await contextMenu(page, join(workspace, 'emojivoto.yaml'), 'serviceAccountName: web');
    assert.ok(menu.includes('Apply File to Cluster'), menu.join(', '));
    await pickFromMenu(page, 'Apply File to Cluster');
    await dialog(page, 'Nothing would change on "meshaware-sim": the 9 objects match the cluster.');
    await dialogButton(page, 'Apply');
    await notification(page, 'Applied 9 objects to "meshaware-sim".', 60_000);
    await applyFile(page, 'namespace.yaml', /Nothing would change on "meshaware-sim": the 2 objects match the cluster\./, /Applied 2 objects to "meshaware-sim"\./);
    await applyFile(page, 'vote-bot.yaml', /Nothing would change on "meshaware-sim": the 2 objects match the cluster\./, /Applied 2 objects to "meshaware-sim"\./);
    await applyFile(page, 'legacy-client.yaml', /Nothing would change on "meshaware-sim": the 2 objects match the cluster\./, /Applied 2 objects to "meshaware-sim"\./);
  });

  it("applies the sample policy once Linkerd's CRDs are installed", async () => {
    const { page } = session!;
    await palette(page, 'Meshaware: Install Linkerd');
    await dialogButton(page, 'Install');
    await notification(page, /Linkerd 2\.20 is installed on "meshaware-sim"/, 180_000);
    await applyFile(page, 'policy.yaml', /Apply 11 objects to "meshaware-sim"\?/, /Applied 11 objects to "meshaware-sim"\./);
  });

  it('adds the namespace to the mesh from its lens, applies it after the diff, and offers to restart its 4 workloads', async () => {
    const { page, workspace } = session!;
    await openFromExplorer(page, 'namespace.yaml');
    await lensLine(page, 'in file: not meshed · in meshaware-sim: 0/5 pods meshed');
    const menu = await contextMenu(page, join(workspace, 'namespace.yaml'), 'name: emojivoto');
    assert.ok(menu.includes('Add Workload to Mesh'), menu.join(', '));
    assert.ok(!menu.includes('Remove Workload from Mesh') && !menu.some((m) => m.startsWith('Restart')), `only what applies: ${menu.join(', ')}`);
    await page.keyboard.press('Escape');
    await palette(page, 'Notifications: Clear All Notifications');
    await codeLens(page, 'Add namespace to mesh').click();
    const offer = await notification(page, /Namespace emojivoto in "meshaware-sim" \(0\/5 pods meshed\) differs from the file/, 30_000);
    await offer.locator('.monaco-button', { hasText: 'Apply to Cluster' }).click();
    await dialog(page, 'Apply 1 object to "meshaware-sim"?');
    await dialogButton(page, 'Show Diff');
    await page.locator('.tabs-container .tab', { hasText: 'after apply (server dry run)' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.editor-container .modified .view-lines', { hasText: 'linkerd.io/inject: enabled' }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(repoRoot, 'media', 'apply-diff.png') });
    const apply = await notification(page, 'Apply 1 object to "meshaware-sim"?', 30_000);
    await apply.locator('.monaco-button', { hasText: 'Save and Apply' }).click();
    await notification(page, 'Applied 1 object to "meshaware-sim".', 60_000);
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'after apply (server dry run)' }).count(), 0, 'the diff closes once applied');
    await notification(page, /Restart 4 workloads in emojivoto\? Their pods started before the namespace's change/, 30_000);
    await openFromExplorer(page, 'namespace.yaml');
    // Until the cluster is read again after Apply, the lens still offers Apply: wait for the line with Restart.
    await lensLine(page, /in file: meshed · in meshaware-sim: 0\/5 pods meshed[\s\S]*Restart 4 workloads/);
  });

  it('restarts one workload from the context menu, asking first, and follows it to 2/2 meshed', async () => {
    const { page, workspace } = session!;
    await openFromExplorer(page, 'emojivoto.yaml');
    await revealObject(page, join(workspace, 'emojivoto.yaml'), 'serviceAccountName: web');
    assert.match(await lensLine(page, 'in file: meshed via namespace emojivoto · in meshaware-sim: 0/2 pods meshed'), /Restart/);
    const menu = await contextMenu(page, join(workspace, 'emojivoto.yaml'), 'serviceAccountName: web');
    assert.ok(menu.includes('Restart Workload (Rollout Restart)'), menu.join(', '));
    assert.ok(!menu.includes('Add Workload to Mesh') && !menu.includes('Remove Workload from Mesh'), `only what applies: ${menu.join(', ')}`);
    await pickFromMenu(page, 'Restart Workload (Rollout Restart)');
    const box = await dialog(page, 'Restart deployment/web in emojivoto on "meshaware-sim"?');
    assert.match(await box.innerText(), /Its 2 pods are replaced one by one \(rollout restart\), with the Linkerd proxy\./);
    await dialogButton(page, 'Restart');
    // The progress shows as a toast, or in the notification centre when an earlier step left it open.
    await notification(page, /restarting deployment\/web.*pods meshed/, 30_000);
    await notification(page, 'deployment/web in emojivoto: 2/2 meshed.', 90_000);
    await revealObject(page, join(workspace, 'emojivoto.yaml'), 'serviceAccountName: web');
    await lensLine(page, 'in file: meshed via namespace emojivoto · in meshaware-sim: 2/2 pods meshed');
  });

  it("restarts the namespace's other workloads from its lens until every pod is meshed", async () => {
    const { page } = session!;
    await palette(page, 'View: Single Column Editor Layout');
    await openFromExplorer(page, 'namespace.yaml');
    await palette(page, 'Notifications: Clear All Notifications');
    await codeLens(page, 'Restart 3 workloads').click();
    const box = await dialog(page, 'Restart 3 workloads in emojivoto on "meshaware-sim"?');
    assert.match(await box.innerText(), /deployment\/emoji \(1 pod\), with the Linkerd proxy/);
    await dialogButton(page, 'Restart 3 Workloads');
    await notification(page, /3 workloads rolled out in emojivoto: 3\/3 pods meshed \(.*deployment\/vote-bot 1\/1.*\)\./, 120_000);
    await lensLine(page, 'in file: meshed · in meshaware-sim: 5/5 pods meshed');
    await page.screenshot({ path: join(repoRoot, 'media', 'mesh-namespace.png') });
  });
});
