// The Live Traffic view's last 15 minutes and its editor tab in the real workbench (code-server in Chromium),
// reading the simulated emojivoto: a person sees sparklines in the side view's table and details, opens Live
// Traffic in an editor tab, and sees there the graph and the same history at once (the host sends it with the
// first snapshot: the tab has no poll of its own). Takes the README's screenshot media/traffic-history.png.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { launchChromium, newWorkbenchPage, screenshotOnFailure } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';
import { waitUntil } from '../harness/poll';
import { copySampleWorkspace, scratchDir } from '../harness/scratch';
import { palette, waitForExplorer } from '../harness/workbench';

/** A sparkline's path draws a line (two points or more), not just a dot. */
const isLine = (d: string | null) => (d ?? '').includes('L');

describe('Live Traffic history and editor tab in the workbench', () => {
  let sim: Simulator | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const scratch = scratchDir('ui-traffic-history');

  before(async () => {
    sim = await startSimulator({ scenario: 'emojivoto', linkerd: 'installed', readinessDelayMs: 100 });
    const workspace = copySampleWorkspace(scratch.path);
    server = await startCodeServer({ name: 'ui-traffic-history', workspace, smokeTestDriver: true, env: { KUBECONFIG: sim.kubeconfigPath } });
    browser = await launchChromium();
    page = await newWorkbenchPage(browser);
    await page.goto(server.workbenchUrl([['extensionDevelopmentPath', server.remoteUri(repoRoot)], ['skipWelcome', 'true']]));
    await waitForExplorer(page);
    await page.locator('.activitybar [aria-label^="Meshaware"]').first().click();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(page, 'ui-traffic-history');
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await sim?.close();
    scratch.dispose();
  });

  /** The page of the webview that lies over `part` (the side bar or the editor area): each webview is two frames. */
  async function webviewIn(part: '.part.sidebar' | '.part.editor'): Promise<FrameLocator> {
    const area = await page.locator(part).boundingBox();
    assert.ok(area, `no ${part}`);
    const frames = page.locator('iframe.webview.ready');
    for (let i = 0; i < (await frames.count()); i++) {
      const box = await frames.nth(i).boundingBox();
      if (box && box.width > 0 && box.x >= area.x - 1 && box.x + box.width <= area.x + area.width + 1) return page.frameLocator(`iframe.webview.ready >> nth=${i}`).frameLocator('#active-frame');
    }
    throw new Error(`no webview over ${part}`);
  }

  it('draws the last minutes as sparklines in the side view\'s table rows and in the details', async () => {
    const view = await webviewIn('.part.sidebar');
    await view.locator('.status', { hasText: 'proxies through the API server' }).waitFor({ timeout: 120_000 });
    await view.locator('.toolbar vscode-button', { hasText: 'Table' }).click();
    await view.locator('table tbody tr td.edge svg.spark-rps').first().waitFor({ timeout: 30_000 });
    assert.equal(await view.locator('tbody tr td.edge svg.spark').count(), await view.locator('tbody tr').count(), 'a sparkline in every row');
    // Inside the side bar: the numbers keep their columns.
    const bar = await view.locator('body').boundingBox();
    const spark = await view.locator('tbody tr td.edge svg.spark').first().boundingBox();
    assert.ok(bar && spark && spark.width > 0 && spark.x + spark.width <= bar.x + bar.width, 'the row sparkline is in view');
    // Under the names, which keep the cell's width: the first row's destination is whole, not cut to a letter.
    assert.ok(await view.locator('tbody tr td.edge .dst').first().evaluate((e) => e.scrollWidth <= e.clientWidth), 'the destination name is whole');
    await view.locator('tbody tr').first().click();
    const sparks = view.locator('.details .trends svg.spark[role="img"]');
    await sparks.first().waitFor({ timeout: 10_000 });
    await sparks.first().scrollIntoViewIfNeeded();
    assert.equal(await sparks.count(), 3, 'requests, success rate and p99');
    // History is kept in 10 s frames: within half a minute the line has two points or more.
    await waitUntil(async () => isLine(await sparks.first().locator('path').getAttribute('d')), 60_000, 'the requests sparkline never became a line');
    assert.match((await sparks.first().getAttribute('aria-label')) ?? '', /^requests per second [\d.<]+ rps → [\d.<]+ rps over \d+ (s|min)$/);
    assert.match((await sparks.nth(1).getAttribute('aria-label')) ?? '', /^success rate [\d.]+% → [\d.]+% over \d+ (s|min)$/);
    // Drawn in the theme's chart colours, visibly: a stroke that is not the background.
    const stroke = await sparks.first().locator('path').evaluate((p) => (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle(p).stroke);
    assert.ok(stroke && stroke !== 'none' && stroke !== 'rgba(0, 0, 0, 0)', stroke);
  });

  it('opens Live Traffic in an editor tab with the graph and the same history at once, while the side view stays', async () => {
    await palette(page, 'Meshaware: Open Live Traffic in Editor');
    await page.locator('.tabs-container .tab', { hasText: 'Live Traffic' }).waitFor({ timeout: 30_000 });
    const tab = await webviewIn('.part.editor');
    await tab.locator('.graph canvas').first().waitFor({ timeout: 60_000 });
    await tab.locator('.graph').focus();
    for (let i = 0; i < 40 && (await tab.locator('.details h2').innerText().catch(() => '')) !== 'web'; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await tab.locator('.details h2').innerText(), 'web');
    const sparks = tab.locator('.details .trends svg.spark');
    await sparks.first().waitFor({ timeout: 10_000 });
    assert.ok(isLine(await sparks.first().locator('path').getAttribute('d')), 'the tab shows the history the side view gathered, not only its own polls');
    // The side view is still there, still in its table (its own selection and view), and still updating.
    const view = await webviewIn('.part.sidebar');
    assert.ok((await view.locator('table tbody tr').count()) > 0);
    await page.screenshot({ path: join(repoRoot, 'media', 'traffic-history.png') });
  });
});
