// Policy meets live traffic in the real workbench (code-server in Chromium) against the simulated emojivoto, which
// runs the sample policy: a one-word typo in web's MeshTLSAuthentication shows its impact before it is applied
// (a Problems entry, then the Policy impact note in Apply's dialog); once applied, the Live Traffic view draws
// vote-bot's edge to web denied, the details pane lists the refusal in Linkerd's terms, and Open policy opens the
// Server in policy.yaml. It takes the README's two pictures of it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { parseAllDocuments } from 'yaml';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { screenshotOnFailure } from '../harness/browser';
import { repoRoot } from '../harness/paths';
import { waitUntil } from '../harness/poll';
import { simClient } from '../harness/simClient';
import { trafficPanel } from '../harness/trafficPanel';
import { dialog, dialogButton, goToLine, lensLine, openFromExplorer, palette } from '../harness/workbench';
import { openWorkbench, type WorkbenchSession } from '../harness/workbenchSession';

const isBotToWeb = (e: { source: string; target: string }) => e.source === 'emojivoto/Deployment/vote-bot' && e.target === 'emojivoto/Deployment/web';

describe('Policy impact, Apply, and the denied edge in the Live Traffic view', () => {
  let sim: Simulator | undefined;
  let session: WorkbenchSession | undefined;
  let page: Page;
  let panel: FrameLocator;
  let policyFile: string;

  before(async () => {
    sim = await startSimulator({ scenario: 'emojivoto', linkerd: 'installed', readinessDelayMs: 100 });
    // The cluster runs the sample policy as written: web admits vote-bot and the ingress, by identity.
    const client = simClient(sim);
    for (const d of parseAllDocuments(readFileSync(join(repoRoot, 'sample-workspace', 'policy.yaml'), 'utf8'))) await client.apply(d.toJS());
    session = await openWorkbench('ui-policy-traffic', 'development', { KUBECONFIG: sim.kubeconfigPath });
    page = session.page;
    policyFile = join(session.workspace, 'policy.yaml');
    panel = trafficPanel(page).locator;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(page, `ui-policy-traffic-${this.currentTest.title.split(' ')[0]}`);
  });

  after(async () => {
    await session?.close();
    await sim?.close();
  });

  const geometry = () => trafficPanel(page).geometry();
  const lineOf = (text: string) => readFileSync(policyFile, 'utf8').split('\n').findIndex((l) => l === text) + 1;

  it('shows what a typo in web-clients would deny before it is applied, and in the Apply dialog', async () => {
    await openFromExplorer(page, 'policy.yaml');
    // The extension is active once the status bar names the cluster and its Linkerd.
    await page.locator('.statusbar-item', { hasText: 'meshaware-sim' }).first().waitFor({ timeout: 60_000 });
    // The live lens over web-http: the cluster admits vote-bot now.
    await goToLine(page, lineOf('  name: web-http'));
    await lensLine(page, /web-http: [\d.]+ rps allowed from \d+ identit/, 120_000);
    // The typo of linkerd/linkerd2#13166: one letter in an identity's ServiceAccount name.
    await goToLine(page, lineOf('      name: vote-bot'));
    await page.keyboard.press('End');
    await page.keyboard.type('s');
    await page.keyboard.press('Control+S');
    await palette(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const entry = page.locator('.markers-panel .monaco-list-row', { hasText: /Would deny [\d.]+ rps that is allowed now: vote-bot\.emojivoto\.serviceaccount\.identity\.linkerd\.cluster\.local → deployment\/web\.emojivoto/ });
    await entry.first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(repoRoot, 'media', 'policy-impact.png') });

    await palette(page, 'Meshaware: Apply File to Cluster');
    const box = await dialog(page, /Apply \d+ objects? to "meshaware-sim"\?/);
    const text = await box.innerText();
    assert.match(text, /Policy impact \(observed traffic only; callers that sent nothing recently are not covered\):/);
    assert.match(text, /would be denied:\s+• Would deny [\d.]+ rps that is allowed now: vote-bot\.emojivoto/);
    await dialogButton(page, 'Apply');
  });

  it('then draws vote-bot → web denied, explains the refusal in the details, and Open policy opens the Server', async () => {
    await page.locator('.activitybar [aria-label^="Meshaware"]').first().click();
    await page.locator('.pane-header', { hasText: 'Linkerd Health' }).click();
    await page.locator('.pane-header[aria-expanded="false"]', { hasText: 'Linkerd Health' }).waitFor();
    await panel.locator('.graph canvas').first().waitFor({ timeout: 120_000 });
    // The proxies deny from the apply on; the view reads them on its next polls.
    await waitUntil(async () => (await geometry()).edges.find(isBotToWeb)?.drawn.arrow === 'tee', 60_000, 'vote-bot → web was never drawn denied');
    const edge = (await geometry()).edges.find(isBotToWeb)!;
    assert.equal(edge.drawn.line, 'dashed', 'dotted, not only another colour');
    assert.match(edge.drawn.label, /⊘ [\d.]+(\/s)? denied/);

    const web = (await geometry()).nodes.find((n) => n.id === 'emojivoto/Deployment/web');
    const canvas = await panel.locator('.graph').boundingBox();
    assert.ok(web && canvas);
    await page.mouse.click(canvas.x + (web.box.x1 + web.box.x2) / 2, canvas.y + (web.box.y1 + web.box.y2) / 2);
    const authz = panel.locator('.details .authz');
    await authz.locator('li.denied', { hasText: 'vote-bot.emojivoto' }).waitFor({ timeout: 30_000 });
    assert.match(await authz.innerText(), /Server web-http \(port 8080\)[\s\S]*rps denied: no authorization matched[\s\S]*vote-bot\.emojivoto\.serviceaccount\.identity\.linkerd\.cluster\.local · [\d.]+ rps/);

    await authz.locator('vscode-button[aria-label="Open policy: Server web-http"]').click();
    await page.locator('.tabs-container .tab.active[data-resource-name="policy.yaml"]').waitFor({ timeout: 30_000 });
    // The cursor is on the Server's name (8 characters selected), not on a reference to it.
    await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${lineOf('  name: web-http')}, Col \\d+ \\(8 selected\\)`) }).waitFor({ timeout: 10_000 });
    // The picture: the denied edge and the refusal beside the Server's YAML, without the Problems panel.
    await palette(page, 'View: Hide Panel');
    await authz.locator('li.denied').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(repoRoot, 'media', 'traffic-denied.png') });
  });
});
