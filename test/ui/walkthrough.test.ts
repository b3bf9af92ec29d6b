import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../../sim/simulator';
import type { ClusterClient } from '../../src/core/cluster/client';
import { screenshotOnFailure } from '../harness/browser';
import { podTemplateInject } from '../harness/manifestOnDisk';
import { repoRoot } from '../harness/paths';
import { simClient } from '../harness/simClient';
import { waitUntil } from '../harness/poll';
import { dialog, dialogButton, lensLine, notification, palette, tokenColour } from '../harness/workbench';
import { openWorkbench, type WorkbenchSession } from '../harness/workbenchSession';

const STEPS = ['Pick a local cluster', 'Install Linkerd', 'Add an app to the mesh', 'Apply and restart', 'Watch its traffic'];
const picture = (name: string) => join(repoRoot, 'media', 'walkthrough', `${name}.png`);

function step(page: Page, title: string) {
  return page.locator('.getting-started-step', { hasText: title }).first();
}

/** Expands a step, then clicks one of the buttons of its description (a command link). */
async function clickStepButton(page: Page, title: string, label: string): Promise<void> {
  await step(page, title).click();
  await page.locator('.getting-started-step.expanded .button-container .monaco-button', { hasText: label }).first().click();
}

/** The titles of the steps ticked now. */
async function done(page: Page): Promise<string[]> {
  const ticked: string[] = [];
  for (const title of STEPS) if ((await step(page, title).getAttribute('aria-checked')) === 'true') ticked.push(title);
  return ticked;
}

async function waitDone(page: Page, titles: string[], timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (JSON.stringify(await done(page)) === JSON.stringify(titles)) return;
    await page.waitForTimeout(300);
  }
  assert.deepEqual(await done(page), titles, 'steps ticked on the walkthrough page');
}

/**
 * The Get Started walkthrough, clicked end to end on the walkthrough page itself against the simulated cluster:
 * every button acts from there, and each step ticks only once its fact is true (the context answers, Linkerd runs,
 * a manifest asks for the proxy, pods run meshed, traffic shows). Each step's picture is taken on the way.
 */
describe('Get Started walkthrough, from the walkthrough page only', () => {
  let sim: Simulator;
  let session: WorkbenchSession | undefined;
  let client: ClusterClient;

  before(async () => {
    sim = await startSimulator({ readinessDelayMs: 300 });
    client = simClient(sim);
    session = await openWorkbench('ui-walkthrough', 'development', { KUBECONFIG: sim.kubeconfigPath });
    await palette(session.page, 'Welcome: Open Walkthrough...');
    await session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Linkerd in Meshaware' }).first().click();
    await step(session.page, STEPS[0]).waitFor({ timeout: 30_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(session?.page, `ui-walkthrough-${this.currentTest.title.split(' ')[0]}`);
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });

  it('1 picks the context; the step ticks once the cluster answers, and no other step does', async () => {
    const { page } = session!;
    await clickStepButton(page, STEPS[0], 'Select Kubernetes Context');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'meshaware-sim' }).first();
    await row.waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget').screenshot({ path: picture('context') });
    await row.click();
    await page.locator('.statusbar-item', { hasText: 'no Linkerd' }).first().waitFor({ timeout: 30_000 });
    await waitDone(page, [STEPS[0]], 30_000);
  });

  it('2 installs Linkerd with a progress notification and the status bar busy; the step ticks when Linkerd runs', async () => {
    const { page } = session!;
    await clickStepButton(page, STEPS[1], 'Install Linkerd');
    await dialogButton(page, 'Install');
    const progress = page.locator('.notifications-toasts .notification-toast', { hasText: 'installing Linkerd on meshaware-sim' }).first();
    await progress.waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'installing Linkerd' }).first().waitFor({ timeout: 10_000 });
    await progress.screenshot({ path: picture('install') });
    await notification(page, /Linkerd 2\.20 is installed on "meshaware-sim"/, 180_000);
    await waitDone(page, STEPS.slice(0, 2), 30_000);
    assert.ok(await client.tryGet('apps/v1', 'Deployment', 'linkerd-proxy-injector', 'linkerd'), 'the control plane is in the cluster');
  });

  it('3 adds a workload picked on the walkthrough: its manifest opens beside the page, annotated', async () => {
    const { page, workspace } = session!;
    await clickStepButton(page, STEPS[2], 'Add a Workload to the Mesh');
    // Every unmeshed workload of the workspace runs in the cluster: they are all offered, with their state.
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const offered = await rows.allInnerTexts();
    assert.equal(offered.length, 5, offered.join('\n'));
    assert.ok(offered.every((r) => r.includes('in file: not meshed · in meshaware-sim: 0/')), offered.join('\n'));
    await rows.filter({ hasText: 'deployment/vote-bot' }).first().click();
    await page.locator('.tabs-container .tab.active[data-resource-name="vote-bot.yaml"]').waitFor({ timeout: 30_000 });
    await page.locator('.view-lines', { hasText: 'linkerd.io/inject' }).waitFor({ timeout: 20_000 });
    // The lens tells the file from the cluster: the edit is not saved, and the pod runs without the proxy.
    assert.match(await lensLine(page, 'in file (unsaved): meshed · in meshaware-sim: 0/1 pods meshed'), /Apply/);
    assert.ok(await step(page, STEPS[3]).isVisible(), 'the walkthrough page stays in view beside the manifest');
    await waitDone(page, STEPS.slice(0, 3), 30_000);
    // The annotation's name is coloured as the YAML key it is, not as an error.
    // (Tokens of the same colour share a span: the name may come with its slash.)
    assert.equal(await tokenColour(page, /^\/?inject$/), await tokenColour(page, /^annotations$/));
    assert.equal(await page.locator('.notifications-toasts .notification-toast', { hasText: 'Apply to Cluster' }).count(), 0, 'the next step offers Apply, not a toast');
    await palette(page, 'Notifications: Clear All Notifications');
    // The manifest down to the annotation: the lens and the edit it made.
    const box = (await page.locator('.editor-group-container', { hasText: 'vote-bot.yaml' }).last().boundingBox())!;
    await page.screenshot({ path: picture('mesh'), clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 580) } });
    assert.equal(podTemplateInject(join(workspace, 'vote-bot.yaml'), 'vote-bot'), undefined, 'nothing is saved before Apply');
  });

  it('4 applies on the walkthrough: server-side diff, Save and Apply, then the rollout to 1/1 meshed', async () => {
    const { page, workspace } = session!;
    await clickStepButton(page, STEPS[3], 'Apply and Restart');
    const box = await dialog(page, 'Apply 1 object to "meshaware-sim"?');
    assert.match(await box.innerText(), /~ deployment\/vote-bot \(emojivoto\): spec\.template\.metadata\.annotations\["linkerd\.io\/inject"\]/);
    await box.screenshot({ path: picture('apply') });
    await dialogButton(page, 'Save and Apply');
    await notification(page, 'deployment/vote-bot in emojivoto: 1/1 meshed.', 60_000);
    await waitUntil(() => podTemplateInject(join(workspace, 'vote-bot.yaml'), 'vote-bot') === 'enabled', 10_000, 'Save and Apply did not save vote-bot.yaml');
    await lensLine(page, 'in file: meshed · in meshaware-sim: 1/1 pods meshed');
    await waitDone(page, STEPS.slice(0, 4), 30_000);
    const pods = await client.list('v1', 'Pod', { namespace: 'emojivoto', labelSelector: 'linkerd.io/proxy-deployment=vote-bot' });
    assert.equal(pods.items.length, 1, 'one injected vote-bot pod');

    // Clicked again with nothing left to roll out, the button says so where it was clicked: over the page.
    await clickStepButton(page, STEPS[3], 'Apply and Restart');
    await dialog(page, 'already runs meshed in "meshaware-sim"', 30_000);
    await dialogButton(page, 'OK');
  });

  it('5 shows Live Traffic from the walkthrough; the step ticks once traffic shows', async () => {
    const { page } = session!;
    await clickStepButton(page, STEPS[4], 'Show Live Traffic');
    await waitDone(page, STEPS, 90_000);
    await page.locator('.pane', { hasText: 'Live Traffic' }).first().screenshot({ path: picture('traffic') });
    // The README's picture: every step ticked, the meshed manifest beside the page.
    await palette(page, 'View: Show Explorer');
    await palette(page, 'Notifications: Clear All Notifications');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(repoRoot, 'media', 'walkthrough.png') });
  });

  it('checks the installed control plane and shows the results in the Linkerd Health view', async () => {
    const { page } = session!;
    // A slow API server, so the run lasts long enough to watch the view fill in as checks finish.
    sim.faults.set({ latencyMs: 250 });
    await palette(page, 'Meshaware: Check Linkerd');
    const health = page.locator('.pane', { hasText: 'Linkerd Health' });
    // The automatic check after install filled the view; this run starts by clearing it to its header.
    await health.locator('.monaco-list-row', { hasText: 'checking' }).first().waitFor({ timeout: 30_000 });
    await health.locator('.monaco-list-row', { hasText: 'kubernetes-api' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await health.locator('.monaco-list-row', { hasText: 'linkerd-data-plane' }).count(), 0, 'the first results show before the last category has run');
    await notification(page, /Linkerd check: all checks passed on "meshaware-sim"/, 90_000);
    sim.faults.set({ latencyMs: 0 });
    await health.locator('.monaco-list-row', { hasText: 'linkerd-identity' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await health.locator('.monaco-list-row .codicon-error').count(), 0, 'no failed check in the tree');
  });
});
