// The Live Traffic history read from Prometheus's past, as a person sees it: with linkerd-viz's Prometheus (the
// simulator's real one) scraping emojivoto before the view opens, the first sparklines already span the last
// 15 minutes, where polls alone would have drawn a point and then one more every 10 s.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { screenshotOnFailure } from '../harness/browser';
import { waitUntil } from '../harness/poll';
import { trafficPanel } from '../harness/trafficPanel';
import { openFromExplorer } from '../harness/workbench';
import { openWorkbench, type WorkbenchSession } from '../harness/workbenchSession';

/** Long enough for Prometheus (10 s scrapes) to have a rate for every edge: the live read shows the table's rows. */
const SCRAPING_MS = 45_000;

describe("Live Traffic history from linkerd-viz's Prometheus, in the workbench", () => {
  let sim: Simulator;
  let session: WorkbenchSession | undefined;

  before(async () => {
    sim = await startSimulator({ scenario: 'emojivoto', linkerd: 'installed', prometheus: true, readinessDelayMs: 100 });
    const scraping = new Promise((r) => setTimeout(r, SCRAPING_MS));
    session = await openWorkbench('ui-traffic-past', 'development', { KUBECONFIG: sim.kubeconfigPath });
    await openFromExplorer(session.page, 'emojivoto.yaml');
    await scraping;
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(session?.page, 'ui-traffic-past');
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });

  it('opens with sparklines over the last 15 minutes, the past Prometheus kept before the first poll', async () => {
    const { page } = session!;
    await page.locator('.activitybar [aria-label^="Meshaware"]').first().click();
    const view = trafficPanel(page).locator;
    await view.locator('.status', { hasText: "linkerd-viz's Prometheus" }).waitFor({ timeout: 120_000 });
    const shownAt = Date.now();
    await view.locator('.toolbar vscode-button', { hasText: 'Table' }).click();
    const row = view.locator('tbody tr', { hasText: 'emoji' }).first();
    const spark = row.locator('td.edge svg.spark');
    // Polls alone make one frame per 10 s: a 15-minute span this soon can only come from Prometheus's past.
    await waitUntil(async () => /over 15 min$/.test((await spark.getAttribute('aria-label')) ?? ''), 20_000, 'the row sparkline never spanned 15 minutes');
    assert.ok(Date.now() - shownAt < 30_000, 'the past arrived with the first polls');
  });
});
