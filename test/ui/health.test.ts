import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { writeKubeconfig } from '../../sim/kubeconfig';
import { startSimulator, type Simulator } from '../../sim/simulator';
import type { ClusterClient } from '../../src/core/cluster/client';
import { watchRollout } from '../../src/core/cluster/rollout';
import { screenshotOnFailure } from '../harness/browser';
import { repoRoot } from '../harness/paths';
import { simClient } from '../harness/simClient';
import { dialog, dialogButton, notification, openFromExplorer, palette } from '../harness/workbench';
import { openWorkbench, type WorkbenchSession } from '../harness/workbenchSession';

const health = (page: Page) => page.locator('.pane', { hasText: 'Linkerd Health' }).first();

/** The header's lines (the top rows before the first category), as one text. */
async function headerText(page: Page): Promise<string> {
  const texts = await health(page)
    .locator('.monaco-list-row')
    .evaluateAll((els) => {
      const out: string[] = [];
      for (const el of els) {
        if (el.getAttribute('aria-level') !== '1' || el.querySelector('.monaco-tl-twistie.collapsible')) break;
        out.push(el.textContent ?? '');
      }
      return out;
    });
  return texts.map((t) => t.trim()).join(' ');
}

/** The header, once it shows a finished check whose text matches. */
async function header(page: Page, text: RegExp, timeout = 60_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await headerText(page).catch(() => '');
    if (text.test(seen)) return seen;
    await page.waitForTimeout(300);
  }
  throw new Error(`the Linkerd Health header did not come to ${text} within ${timeout / 1000} s; it shows "${seen}"`);
}

/** The rows of the view as a person reads them, top to bottom. */
async function rows(page: Page): Promise<string[]> {
  return (await health(page).locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Rows whose text the view cuts with an ellipsis at its width: the header's lines, problems, hints and actions. */
async function cutRows(page: Page): Promise<string[]> {
  return health(page)
    .locator('.monaco-list-row')
    .evaluateAll((els) =>
      els
        .filter((el) => Number(el.getAttribute('aria-level')) >= 3 || (el.getAttribute('aria-level') === '1' && !el.querySelector('.monaco-tl-twistie.collapsible')))
        .filter((el) => {
          const label = el.querySelector('.monaco-icon-label-container');
          return label !== null && label.scrollWidth > label.clientWidth + 1;
        })
        .map((el) => el.textContent ?? ''),
    );
}

/** The entries of the view's "…" menu in order, with "---" where a separator starts a new group. */
async function moreActions(page: Page): Promise<string[]> {
  await health(page).locator('.pane-header').hover();
  await health(page).locator('.pane-header .action-label.codicon-toolbar-more').click();
  const menu = page.locator('.context-view .monaco-menu');
  await menu.waitFor({ timeout: 10_000 });
  const entries = await menu.locator('.action-item').evaluateAll((els) => els.map((el) => (el.querySelector('.separator') || el.classList.contains('separator') ? '---' : (el.querySelector('.action-label')?.textContent ?? '').trim())));
  await page.keyboard.press('Escape');
  return entries;
}

function statusItem(page: Page): Locator {
  return page.locator('.statusbar-item', { hasText: 'meshaware-sim' }).first();
}

/**
 * The Linkerd Health view against the simulated cluster, driven as a person does: it says which context it checked,
 * when, and how it went; its problems and hints are read whole at the side bar's width; it takes the check again by
 * itself after install, a restart and uninstall; a hint's action is a click; the status bar carries a warning.
 */
describe('Linkerd Health view in the workbench', () => {
  let sim: Simulator;
  let session: WorkbenchSession | undefined;
  let client: ClusterClient;

  before(async () => {
    sim = await startSimulator({ readinessDelayMs: 300 });
    client = simClient(sim);
    // A second context on the same cluster, to switch to.
    const second = join(mkdtempSync(join(tmpdir(), 'meshaware-health-')), 'second.yaml');
    writeKubeconfig(second, { server: sim.url, caPem: sim.caPem, token: sim.token, contextName: 'meshaware-sim-2' });
    session = await openWorkbench('ui-health', 'development', { KUBECONFIG: `${sim.kubeconfigPath}${delimiter}${second}` });
    await openFromExplorer(session.page, 'emojivoto.yaml');
    await statusItem(session.page).filter({ hasText: 'no Linkerd' }).waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(session?.page, `ui-health-${this.currentTest.title.split(' ').slice(0, 3).join('-')}`);
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });

  it('before any check: the empty view says Linkerd is not installed here and offers only what applies', async () => {
    const { page } = session!;
    await palette(page, 'Focus on Linkerd Health View');
    const welcome = health(page).locator('.welcome-view-content');
    await welcome.filter({ hasText: 'Linkerd is not installed on the current context' }).waitFor({ timeout: 30_000 });
    assert.deepEqual((await welcome.locator('.monaco-button').allInnerTexts()).map((t) => t.trim()), ['Check Before Installing', 'Install Linkerd', 'Select Another Context']);
  });

  it('before install: the header names the context, the time and the outcome; messages are whole; the menu offers Install, not Uninstall', async () => {
    const { page } = session!;
    await palette(page, 'Meshaware: Check Cluster Before Installing Linkerd');
    await header(page, /^Linkerd pre-install check of meshaware-sim at \d\d:\d\d:\d\d: 1 warning$/);
    const text = (await rows(page)).join('\n');
    assert.match(text, /Gateway API CRDs are installed/);
    assert.deepEqual(await cutRows(page), [], 'no problem or hint line is cut at the default width');
    const menu = await moreActions(page);
    assert.ok(menu.includes('Install Linkerd') && menu.includes('Check Cluster Before Installing Linkerd'), menu.join(' | '));
    assert.ok(!menu.includes('Uninstall Linkerd') && !menu.includes('Upgrade Linkerd'), `nothing to upgrade or uninstall yet: ${menu.join(' | ')}`);
  });

  it('install takes the check again by itself: the pre-install warning goes; the menu keeps Uninstall last, in its own group', async () => {
    const { page } = session!;
    await palette(page, 'Meshaware: Install Linkerd');
    await dialogButton(page, 'Install');
    await notification(page, /Linkerd 2\.20 is installed on "meshaware-sim"/, 180_000);
    await header(page, /^Linkerd check of meshaware-sim at \d\d:\d\d:\d\d: all passed$/);
    const text = (await rows(page)).join('\n');
    assert.doesNotMatch(text, /Missing Gateway API|pre-install/, 'nothing of the check before install stays');
    assert.equal(await health(page).locator('.monaco-list-row .codicon-warning, .monaco-list-row .codicon-error').count(), 0);
    await statusItem(page).locator('.codicon-check').waitFor({ timeout: 10_000 });
    const menu = await moreActions(page);
    assert.ok(!menu.includes('Install Linkerd'), `Install is not offered where Linkerd runs: ${menu.join(' | ')}`);
    assert.deepEqual(menu.slice(-2), ['---', 'Uninstall Linkerd'], `Uninstall comes last, apart: ${menu.join(' | ')}`);
    assert.ok(menu.indexOf('Upgrade Linkerd') >= 0 && menu.indexOf('Upgrade Linkerd') < menu.length - 2, menu.join(' | '));
  });

  it('a pod on another proxy version: the warning is read whole, the status bar says it, and "Restart 1 workload" in the view fixes it', async () => {
    const { page } = session!;
    // vote-bot meshed, with its proxy pinned to an older version through the namespace, then the pin removed:
    // its pod keeps the older proxy until restarted, as after an upgrade.
    await client.patch('v1', 'Namespace', 'emojivoto', undefined, { metadata: { annotations: { 'config.linkerd.io/proxy-version': 'edge-25.1.1' } } }, 'merge');
    await client.patch('apps/v1', 'Deployment', 'vote-bot', 'emojivoto', { spec: { template: { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } } } }, 'merge');
    await watchRollout(client, { kind: 'Deployment', name: 'vote-bot', namespace: 'emojivoto' }, { pollMs: 100 });
    await client.patch('v1', 'Namespace', 'emojivoto', undefined, { metadata: { annotations: { 'config.linkerd.io/proxy-version': null } } }, 'merge');

    await palette(page, 'Meshaware: Check Linkerd');
    await header(page, /^Linkerd check of meshaware-sim at \d\d:\d\d:\d\d: 1 warning$/);
    // Live Traffic folded, so the view shows the warning down to its action (the list draws only the rows in view).
    await page.locator('.pane-header', { hasText: 'Live Traffic' }).first().click();
    await page.waitForTimeout(500);
    // Lines break at spaces, and inside a pod's name: the message read without spaces is whole.
    const text = (await rows(page)).join('').replace(/\s+/g, '');
    assert.match(text, /1meshedpodrunsanotherproxyversionthanthecontrolplane\(edge-26\.6\.3\):emojivoto\/vote-bot-[\w-]+\(edge-25\.1\.1\)\./, 'the whole message, over its lines');
    assert.deepEqual(await cutRows(page), [], 'no problem or hint line is cut at the default width');
    await statusItem(page).filter({ hasText: 'Linkerd: 1 warning' }).waitFor({ timeout: 10_000 });
    // The README's picture.
    await palette(page, 'Notifications: Clear All Notifications');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(repoRoot, 'media', 'linkerd-health.png') });

    await health(page).locator('.monaco-list-row', { hasText: 'Restart 1 workload' }).first().click();
    await dialog(page, 'Restart deployment/vote-bot in emojivoto on "meshaware-sim"?');
    await dialogButton(page, 'Restart');
    await notification(page, 'deployment/vote-bot in emojivoto: 1/1 meshed.', 60_000);
    // Nobody asks: the view checks again after the rollout, and the warning is gone from it and the status bar.
    await header(page, /^Linkerd check of meshaware-sim at \d\d:\d\d:\d\d: all passed$/);
    await statusItem(page).locator('.codicon-check').waitFor({ timeout: 10_000 });
  });

  it('uninstall takes the check again by itself: the view shows the check before install, and the menu offers Install again', async () => {
    const { page } = session!;
    await palette(page, 'Meshaware: Uninstall Linkerd');
    await dialogButton(page, 'Uninstall Anyway');
    await notification(page, 'Linkerd was removed from "meshaware-sim".', 120_000);
    await header(page, /^Linkerd pre-install check of meshaware-sim at \d\d:\d\d:\d\d: (all passed|\d+ warnings?)$/);
    await statusItem(page).filter({ hasText: 'no Linkerd' }).waitFor({ timeout: 10_000 });
    const menu = await moreActions(page);
    assert.ok(menu.includes('Install Linkerd') && !menu.includes('Uninstall Linkerd'), menu.join(' | '));
  });

  it('a context switch takes the shown check again on the new context', async () => {
    const { page } = session!;
    await palette(page, 'Meshaware: Select Kubernetes Context');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'meshaware-sim-2' }).first().click();
    await header(page, /^Linkerd pre-install check of meshaware-sim-2 at \d\d:\d\d:\d\d: (all passed|\d+ warnings?)$/);
  });
});
