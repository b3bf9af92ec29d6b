// The Live Traffic view in the real workbench (code-server in Chromium), reading the simulated emojivoto
// cluster through the kubeconfig the simulator wrote: the graph is readable at the side bar's default width
// (positions read from the page), polls move nothing, a node opens its manifest, and Add to mesh from the
// panel edits the workload's file. It also takes the README's screenshot of the view.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { launchChromium, newWorkbenchPage, screenshotOnFailure } from '../harness/browser';
import { edgesThroughNodes, overlappingPairs } from '../harness/graphGeometry';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { podTemplateInject } from '../harness/manifestOnDisk';
import { repoRoot } from '../harness/paths';
import { trafficPanel } from '../harness/trafficPanel';
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
    panel = trafficPanel(page).locator;
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

  const geometry = () => trafficPanel(page).geometry();
  const panelFrame = () => trafficPanel(page).frame();
  const rendered = async () => (await panelFrame()).evaluate('document.body.dataset.rendered') as Promise<string | undefined>;

  /** Walks the graph with the arrow keys until the details show `name` (in `namespace`, when given). */
  async function selectNode(name: string, namespace?: string): Promise<void> {
    await panel.locator('.graph').focus();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('ArrowRight');
      if (!(await panel.locator('.details h2').count()) || (await panel.locator('.details h2').innerText()) !== name) continue;
      if (namespace === undefined || new RegExp(`Namespace\\s+${namespace}\\b`).test(await panel.locator('.details').innerText())) return;
    }
    throw new Error(`no node ${name} in the graph`);
  }

  it('draws the emojivoto graph readable at the side bar\'s default width, and a poll moves nothing', async () => {
    // The status line names where the numbers come from.
    await panel.locator('.status', { hasText: 'proxies through the API server' }).waitFor({ timeout: 120_000 });
    await panel.locator('.graph canvas').first().waitFor();
    await waitUntil(async () => (await geometry()).edgeLabels.length === 4, 30_000, 'the graph never showed emojivoto\'s four edges');
    const g = await geometry();
    const sideBar = await page.locator('.part.sidebar').boundingBox();
    assert.ok(sideBar && sideBar.width < 360, `the side bar has its default width (${sideBar?.width} px)`);
    assert.deepEqual(edgesThroughNodes(g.edges, g.nodes), [], 'no edge runs through a node');
    assert.deepEqual(overlappingPairs([...g.nodes, ...g.edgeLabels, ...g.titles]), [], 'no label covers another');
    assert.ok(g.fontPx >= 11, `workload names are ${g.fontPx.toFixed(1)} px`);
    for (const { box } of [...g.nodes, ...g.edgeLabels]) assert.ok(box.x1 >= 0 && box.x2 <= g.view.width && box.y1 >= 0 && box.y2 <= g.view.height, 'the whole graph is in view');
    // The control plane and the idle legacy namespace are folded into one node each.
    assert.deepEqual(g.nodes.map((n) => n.id).filter((id) => id.startsWith('group:')).sort(), ['group:legacy', 'group:linkerd']);
    // Pause and Refresh are the view's title-bar actions, not repeated in the page.
    await page.locator('.pane-header', { hasText: 'Live Traffic' }).hover();
    await page.locator('.pane-header .action-label[aria-label="Pause Traffic Updates"]').waitFor();
    assert.equal(await panel.locator('.toolbar vscode-button', { hasText: /Pause|Refresh/ }).count(), 0);

    // The next poll brings new numbers for the same workloads: the host sends only those, and nothing moves.
    const before = await rendered();
    await waitUntil(async () => (await rendered()) !== before, 30_000, 'no poll reached the page');
    assert.equal(await (await panelFrame()).evaluate('document.body.dataset.update'), 'numbers', 'the poll came as numbers only');
    const after = await geometry();
    assert.deepEqual(after.nodes, g.nodes);
    assert.deepEqual(after.edgeLabels, g.edgeLabels);

    // The README's picture: the view with the side bar to itself, web selected with a click on the canvas.
    await page.locator('.pane-header', { hasText: 'Linkerd Health' }).click();
    await page.locator('.pane-header[aria-expanded="false"]', { hasText: 'Linkerd Health' }).waitFor();
    const web = (await geometry()).nodes.find((n) => n.id === 'emojivoto/Deployment/web');
    const canvas = await panel.locator('.graph').boundingBox();
    assert.ok(web && canvas);
    await page.mouse.click(canvas.x + (web.box.x1 + web.box.x2) / 2, canvas.y + (web.box.y1 + web.box.y2) / 2);
    await panel.locator('.details h2', { hasText: 'web' }).waitFor();
    // The sample workspace (which the simulator runs) gives web two replicas.
    assert.match(await panel.locator('.details').innerText(), /Meshed pods\s+2\/2/);
    // Its routes from the proxies' route metrics: the default route it serves, and the Services it calls.
    const routes = panel.locator('.details section[aria-label="Routes"]');
    await routes.locator('caption', { hasText: 'Routes served' }).waitFor();
    assert.match(await routes.locator('table', { hasText: 'Routes served' }).innerText(), /\[default\] · \[default:all-unauthenticated\]:8080\s+\d+(\.\d)? rps\s+\d+(\.\d)?%/);
    assert.match(await routes.locator('table', { hasText: 'Routes called' }).innerText(), /\[default\] · service\/voting-svc:8080/);
    const pane = await panel.locator('body').boundingBox();
    for (const cell of await routes.locator('th, td').all()) {
      const box = await cell.boundingBox();
      assert.ok(pane && box && box.x + box.width <= pane.x + pane.width + 0.5, `routes cell "${await cell.innerText()}" is in view at the side bar's width`);
    }
    await panel.locator('.details vscode-button', { hasText: 'Open manifest' }).click();
    await page.locator('.tabs-container .tab.active[data-resource-name="emojivoto.yaml"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(repoRoot, 'media', 'traffic-panel-workbench.png') });
    await page.locator('.tabs-container .tab.active .tab-actions .action-label').click();
    await page.locator('.tabs-container .tab[data-resource-name="emojivoto.yaml"]').waitFor({ state: 'detached' });

    // The table at the same width leads with the numbers, as `linkerd viz stat` does, and every column is in view.
    await panel.locator('.toolbar vscode-button', { hasText: 'Table' }).click();
    await panel.locator('table.edges tbody tr').first().waitFor();
    assert.deepEqual(await panel.locator('table.edges thead th').allInnerTexts(), ['Destination', 'RPS ▼', 'SR', 'P99', 'Denied']);
    const view = await panel.locator('body').boundingBox();
    for (const th of await panel.locator('table.edges thead th').all()) {
      const box = await th.boundingBox();
      assert.ok(view && box && box.x >= view.x && box.x + box.width <= view.x + view.width + 0.5, `column ${await th.innerText()} is in view`);
    }
    const cells = await panel.locator('table.edges tbody tr').first().locator('td').allInnerTexts();
    assert.match(cells[1], /\d/, `the first row's RPS (${cells.join(' | ')})`);
    await panel.locator('.toolbar vscode-button', { hasText: 'Graph' }).click();
    await panel.locator('.graph canvas').first().waitFor();
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
    // Its namespace has no traffic, so it is folded: open it first.
    await selectNode('legacy');
    await page.keyboard.press('Enter');
    await selectNode('legacy-client', 'legacy');
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
