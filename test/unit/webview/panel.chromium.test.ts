// The panel page in real Chromium, under its real CSP, driven through the protocol as the host drives it.
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import type { Geometry } from '../../../webview/traffic/geometry';
import { numbersBetween } from '../../../src/shared/trafficNumbers';
import { edgesThroughNodes, overlappingPairs } from '../../harness/graphGeometry';
import { bigMesh, emojivoto, simEmojivoto } from './fixtures';
import { PanelPage } from './panelPage';
import { recordSnapshot, TrafficHistory } from '../../../src/core/traffic/history';

const SETTINGS = { type: 'settings', settings: { intervalSeconds: 5, warnBelow: 0.99, failBelow: 0.95 } } as const;
const XSS = '<img src=x onerror=alert(1)>';

async function show(page: Page, snapshot = emojivoto(Date.now())): Promise<void> {
  await PanelPage.send(page, SETTINGS);
  await PanelPage.send(page, { type: 'snapshot', snapshot });
  await PanelPage.rendered(page, snapshot.updatedAt);
}

/** What the graph drew, in the canvas's pixels. */
const geometry = (page: Page) => page.evaluate('window.meshawareGraphGeometry()') as Promise<Geometry>;

/** The text of the first match, or '' when there is none (yet). */
const text = async (page: Page, selector: string) => ((await page.locator(selector).count()) ? page.locator(selector).first().innerText() : '');

describe('traffic panel in Chromium', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  before(async () => (panel = await PanelPage.start()));
  after(async () => panel?.close());

  it('draws the graph, selects a workload by keyboard, and Enter asks the host to open its manifest', async () => {
    const page = await panel.open();
    await show(page);
    await page.focus('.graph');
    await page.keyboard.press('ArrowRight');
    // Nodes are walked in reading order, column by column from the callers: the ingress gateway's lane is on top.
    assert.equal(await text(page, '.details h2'), 'gateway');
    assert.match(await page.locator('[aria-live="polite"].sr-only').innerText(), /DaemonSet gateway/);
    await page.keyboard.press('Enter');
    const posted = await PanelPage.posted(page);
    assert.deepEqual(posted.at(-1), { type: 'openManifest', workload: { kind: 'DaemonSet', name: 'gateway', namespace: 'ingress' } });
    assert.match(await text(page, '.status'), /kind-meshaware · from 6 proxies through the API server · updated \d+ s ago/);
    assert.deepEqual(panel.errors, [], 'no CSP violations or page errors');
    await page.close();
  });

  it('offers Add to mesh for an unmeshed workload only', async () => {
    const page = await panel.open();
    await show(page);
    await page.focus('.graph');
    await page.keyboard.press('End'); // last: an edge
    await page.keyboard.press('Home'); // first node
    for (let i = 0; i < 6 && (await text(page, '.details h2')) !== 'ledger'; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await text(page, '.details h2'), 'ledger');
    await page.locator('.details vscode-button', { hasText: 'Add to mesh' }).click();
    assert.deepEqual((await PanelPage.posted(page)).at(-1), { type: 'addToMesh', workload: { kind: 'StatefulSet', name: 'ledger', namespace: 'legacy' } });
    await page.focus('.graph');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await text(page, '.details h2'), 'voting');
    assert.equal(await page.locator('.details vscode-button', { hasText: 'Add to mesh' }).count(), 0);
    await page.close();
  });

  it("shows why Open manifest did nothing under the details, where it was pressed, as text, until the next press", async () => {
    const page = await panel.open();
    await show(page);
    await page.focus('.graph');
    await page.keyboard.press('ArrowRight');
    await PanelPage.send(page, { type: 'notice', notice: `No manifest for Deployment "emoji" ${XSS} in this workspace.` });
    await PanelPage.until(page, `document.querySelector('.details .notice[role="alert"]') !== null`);
    assert.equal(await text(page, '.details .notice'), `No manifest for Deployment "emoji" ${XSS} in this workspace.`);
    assert.equal(await page.locator('.details img').count(), 0, 'the notice is text, not markup');
    await PanelPage.send(page, { type: 'notice' });
    await PanelPage.until(page, `document.querySelector('.details .notice') === null`);
    assert.deepEqual(panel.errors, [], 'no CSP violations or page errors');
    await page.close();
  });

  it('draws the last 15 minutes as sparklines in the details and every table row, each with its text alternative', async () => {
    const page = await panel.open();
    const start = Date.now() - 15 * 60_000;
    // Every edge's rate doubles over the 15 minutes.
    const at = (i: number) => {
      const s = emojivoto(start + i * 5000);
      return { ...s, edges: s.edges.map((e) => ({ ...e, requestsPerSecond: e.requestsPerSecond * (1 + i / 180) })) };
    };
    const history = new TrafficHistory(5);
    for (let i = 0; i < 180; i++) recordSnapshot(history, at(i));
    await PanelPage.send(page, SETTINGS);
    await page.evaluate(PanelPage.historyScript(history.toState()));
    await show(page, at(180));
    await page.locator('vscode-button', { hasText: 'Table' }).click();
    await page.locator('tbody td.edge svg.spark-rps').first().waitFor({ timeout: 5000 });
    const rows = await page.locator('tbody tr').count();
    assert.equal(await page.locator('tbody tr td.edge svg.spark-rps').count(), rows, 'a sparkline in every row');
    await page.locator('tbody tr').first().click();
    const sparks = page.locator('.details .trends svg.spark[role="img"]');
    await sparks.first().waitFor({ timeout: 5000 });
    assert.equal(await sparks.count(), 3, 'requests, success and p99');
    assert.equal(await sparks.first().getAttribute('aria-label'), 'requests per second 6.3 rps → 13 rps over 15 min');
    assert.ok(((await sparks.first().locator('path').getAttribute('d')) ?? '').split('L').length > 30, 'a line, not a dot');
    await page.locator('th button', { hasText: 'P99' }).click();
    await page.locator('tbody td.edge svg.spark-p99').first().waitFor({ timeout: 5000 });
    assert.deepEqual(panel.errors, [], 'no CSP violations or page errors');
    await page.close();
  });

  it('sorts the table and walks its rows with the keyboard', async () => {
    const page = await panel.open();
    await show(page);
    await page.locator('vscode-button', { hasText: 'Table' }).click();
    // The table is rebuilt on the next animation frame: wait for the new header, not just any header.
    // Numbers first, as `linkerd viz stat` prints them: destination (over its source), RPS, SR, P99; then Denied by policy.
    assert.deepEqual(await page.locator('thead th').allInnerTexts(), ['Destination', 'RPS ▼', 'SR', 'P99', 'Denied']);
    await page.locator('th button', { hasText: 'SR' }).click();
    await page.locator('th[aria-sort="descending"]', { hasText: 'SR ▼' }).waitFor({ timeout: 5000 });
    await page.locator('th button', { hasText: 'SR' }).click();
    await page.locator('th[aria-sort="ascending"]', { hasText: 'SR ▲' }).waitFor({ timeout: 5000 });
    assert.equal(await page.locator('th[aria-sort="descending"]').count(), 0);
    assert.equal(await page.locator('tbody tr').first().locator('td').nth(2).innerText(), '93.1%');
    await page.focus('tbody tr[tabindex="0"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.match(await text(page, '.details h2'), /voting → ledger/);
    assert.match(await text(page, '.details'), /not mTLS \(not provided by service discovery\)/);
    // A poll rebuilds the table; the keyboard focus stays on the same row.
    await page.focus('tbody tr[aria-selected="true"]');
    const focused = await page.evaluate('document.activeElement.dataset.id');
    const next = emojivoto(Date.now() + 5);
    await PanelPage.send(page, { type: 'snapshot', snapshot: next });
    await PanelPage.rendered(page, next.updatedAt);
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate('document.activeElement.dataset.id'), focused);
    assert.equal(await page.evaluate('document.activeElement.isConnected'), true);
    await page.close();
  });

  it('filters by text and switches edge labels, both kept in the saved state', async () => {
    const page = await panel.open();
    await show(page);
    await page.locator('vscode-single-select[aria-label="Edge labels"]').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await PanelPage.until(page, `window.__state.label === 'success'`);
    await page.locator('vscode-button', { hasText: 'Table' }).click();
    await page.locator('vscode-textfield').click();
    await page.keyboard.type('ledger');
    await PanelPage.until(page, `document.querySelectorAll('tbody tr').length === 1`);
    assert.match(await text(page, 'tbody tr'), /ledger\s+← voting/);
    assert.equal(await page.evaluate('window.__state.filter.text'), 'ledger');
    await page.close();
  });

  it('renders cluster-derived names as text: nothing executes, no element is injected', async () => {
    const page = await panel.open();
    await page.evaluate(`window.alert = () => { window.__xss = true; }`);
    const s = emojivoto(Date.now(), { web: XSS });
    const hostile = { ...s, context: XSS, nodes: s.nodes.map((n) => (n.name === XSS ? { ...n, namespace: n.namespace, kind: XSS } : n)), edges: s.edges.map((e) => ({ ...e, clientIdentity: XSS })) };
    // Node ids stay consistent: rebuild them for the renamed workload.
    const rename = (id: string) => id.replace(`emojivoto/Deployment/${XSS}`, `emojivoto/${XSS}/${XSS}`);
    // The authorization rows name Servers, routes, authorizations and clients from the cluster too.
    const x = { kind: XSS, name: XSS };
    const authorizations = [
      { destination: rename(`emojivoto/Deployment/${XSS}`), protocol: 'http' as const, server: x, port: 8080, route: x, authorization: x, client: XSS, allowedRps: 1, deniedRps: 0 },
      { destination: rename(`emojivoto/Deployment/${XSS}`), protocol: 'tcp' as const, server: { kind: 'default', name: XSS }, port: null, route: null, authorization: null, client: XSS, allowedRps: 0, deniedRps: 1, refusal: 'defaultDeny' as const },
    ];
    const snapshot = { ...hostile, authorizations, nodes: hostile.nodes.map((n) => ({ ...n, id: rename(n.id) })), edges: hostile.edges.map((e) => ({ ...e, id: rename(e.id), source: rename(e.source), target: rename(e.target), deniedRps: 1 })) };
    await show(page, snapshot);
    await page.focus('.graph');
    for (let i = 0; i < 6 && (await text(page, '.details h2')) !== XSS; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await text(page, '.details h2'), XSS, 'the name is shown literally');
    const authz = await text(page, '.details .authz');
    assert.ok(authz.includes(`${XSS} ${XSS} (port 8080)`) && authz.includes(`Default policy ${XSS}`), authz);
    assert.equal(await page.locator(`.details vscode-button[aria-label="Open policy: ${XSS} ${XSS}"]`).count(), 3, 'the Server, route and authorization, labelled literally');
    await page.locator('vscode-button', { hasText: 'Table' }).click();
    assert.ok((await page.locator('tbody').innerText()).includes(XSS));
    await PanelPage.send(page, { type: 'problem', problem: { kind: 'forbidden', message: XSS, hint: `<script>alert(2)</script>` } });
    await page.waitForSelector('[data-problem="forbidden"]');
    assert.equal(await text(page, '[data-problem] h2'), XSS);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate('window.__xss === true'), false, 'no script ran');
    assert.equal(await page.locator('img, script:not([src])').count(), 0, 'no markup from data became elements');
    await page.close();
  });

  it('drops messages that do not match the protocol', async () => {
    const page = await panel.open();
    const s = emojivoto(Date.now());
    await PanelPage.send(page, { type: 'snapshot', snapshot: { ...s, nodes: [{ ...s.nodes[0], name: 5 }] } });
    await PanelPage.send(page, { type: 'problem', problem: { kind: 'noContext', message: 'fine', hint: 'fine' } });
    await page.waitForSelector('[data-problem="noContext"]');
    assert.equal(await page.locator('.graph canvas').count() > 0 && (await page.evaluate('document.body.dataset.rendered')), undefined, 'the malformed snapshot was not drawn');
    await page.locator('vscode-button', { hasText: 'Select Kubernetes Context' }).click();
    assert.deepEqual((await PanelPage.posted(page)).at(-1), { type: 'command', command: 'selectContext' });
    await page.close();
  });

  it('moves nothing when a poll brings new numbers, keeps the order when a workload is added, and restores its state after being hidden', async () => {
    const page = await panel.open();
    const first = emojivoto(Date.now());
    await show(page, first);
    const before = await geometry(page);
    // The host sends only the numbers of an unchanged mesh.
    const next = { ...emojivoto(first.updatedAt + 1), edges: first.edges.map((e) => ({ ...e, requestsPerSecond: e.requestsPerSecond * 3 })) };
    await PanelPage.sendNumbers(page, numbersBetween(first, next));
    await PanelPage.rendered(page, next.updatedAt);
    const after = await geometry(page);
    assert.deepEqual(after.nodes, before.nodes, 'no node moved');
    assert.deepEqual(after.edgeLabels, before.edgeLabels, 'no label moved');
    assert.match(await page.evaluate(`document.querySelector('.graph').getAttribute('aria-label')`) as string, /Traffic graph/);
    // Numbers for a snapshot the page does not have: it asks for the whole one.
    await PanelPage.sendNumbers(page, numbersBetween(emojivoto(5), emojivoto(6)));
    await PanelPage.until(page, `window.__posted.some((m) => m.type === 'resync')`);

    const added = { ...next.nodes[1], id: 'emojivoto/Deployment/web-v2', name: 'web-v2' };
    const grown = { ...next, updatedAt: next.updatedAt + 1, nodes: [...next.nodes, added], edges: [...next.edges, { ...next.edges[1], id: 'v', source: next.nodes[0].id, target: added.id }] };
    await show(page, grown);
    await page.waitForTimeout(400); // the move to the new places is animated
    const grownAt = await geometry(page);
    const column = (g: Geometry, ids: string[]) => ids.map((id) => g.nodes.find((n) => n.id === id)!.box).sort((a, b) => a.y1 - b.y1);
    const callees = ['emojivoto/Deployment/emoji', 'emojivoto/Deployment/voting'];
    assert.deepEqual(column(grownAt, callees).map((b) => grownAt.nodes.find((n) => n.box === b)!.id), column(after, callees).map((b) => after.nodes.find((n) => n.box === b)!.id));
    await page.locator('vscode-button', { hasText: 'Table' }).click();
    await page.waitForSelector('table.edges');
    const saved = (await page.evaluate('window.__state')) as { positions: Record<string, unknown>; view: string };
    assert.equal(saved.view, 'table');
    assert.ok(saved.positions[added.id], 'positions are saved for the next layout');
    await page.close();

    // A hidden webview view is destroyed; when shown again the page starts from getState, and the host sends the snapshot again.
    const again = await panel.open({ state: saved });
    await PanelPage.send(again, SETTINGS);
    await PanelPage.send(again, { type: 'snapshot', snapshot: grown });
    await again.waitForSelector('table.edges');
    assert.equal(await again.locator('tbody tr').count(), 6);
    await again.close();
  });

  it('draws the simulator\'s emojivoto readable in a 300 px side bar: no edge through a node, no label on another, names at 11 px or more', async () => {
    const page = await panel.open({ width: 300, height: 800 });
    await show(page, simEmojivoto(Date.now()));
    const g = await geometry(page);
    assert.ok(g.fontPx >= 11, `node names are ${g.fontPx.toFixed(1)} px`);
    assert.deepEqual(edgesThroughNodes(g.edges, g.nodes), []);
    assert.deepEqual(overlappingPairs([...g.nodes, ...g.edgeLabels, ...g.titles]), []);
    for (const b of [...g.nodes, ...g.edgeLabels].map((x) => x.box)) assert.ok(b.x1 >= 0 && b.x2 <= g.view.width && b.y1 >= 0 && b.y2 <= g.view.height, 'everything is in view');
    // The control plane and the idle legacy namespace are folded; the status line and toolbar fit.
    assert.match(await text(page, '.summary'), /^6 of 10 workloads shown · 2 namespaces folded/);
    const wrapped = await page.evaluate(`[...document.querySelectorAll('.stamp span')].filter((s) => s.getClientRects().length > 1).map((s) => s.textContent)`);
    assert.deepEqual(wrapped, [], 'no part of the status line breaks inside');
    const rows = await page.evaluate(`new Set([...document.querySelectorAll('.toolbar vscode-textfield, .toolbar vscode-button:not([hidden]), .toolbar vscode-single-select')].map((c) => Math.round(c.getBoundingClientRect().top))).size`);
    assert.ok((rows as number) <= 2, `the toolbar takes ${rows} rows`);
    assert.equal(await page.locator('.toolbar vscode-button', { hasText: /Pause|Refresh/ }).count(), 0, 'pause and refresh are in the view title bar only');
    // Resizing the view fits the graph again.
    await page.setViewportSize({ width: 500, height: 800 });
    await PanelPage.until(page, `window.meshawareGraphGeometry().view.width > 400`);
    await PanelPage.until(page, `Math.max(...window.meshawareGraphGeometry().nodes.map((n) => n.box.x2)) > 300`);
    await page.close();
  });

  it('shows an edge\'s identities broken only after their dots', async () => {
    const page = await panel.open({ width: 300, height: 800 });
    await show(page, simEmojivoto(Date.now()));
    await page.locator('vscode-button', { hasText: 'Table' }).click();
    await page.focus('tbody tr[tabindex="0"]');
    await page.keyboard.press('Enter');
    const lines = (await page.evaluate(`(() => {
      const dd = [...document.querySelectorAll('.details dt')].find((d) => d.textContent === 'Server identity').nextElementSibling;
      const range = document.createRange();
      const words = [];
      for (const t of [...dd.querySelectorAll('span')].flatMap((s) => [...s.childNodes]).filter((n) => n.nodeType === 3)) {
        range.selectNodeContents(t);
        words.push(range.getClientRects().length);
      }
      return words;
    })()`)) as number[];
    assert.ok(lines.length >= 5 && lines.every((n) => n === 1), `every part between dots stays on one line: ${lines}`);
    await page.close();
  });

  it('opens a 5,000-edge mesh with its namespaces collapsed, expands one on Enter and finds workloads by search', async () => {
    const page = await panel.open({ width: 1200, height: 800 });
    const big = bigMesh(1000, 5000, 7);
    await show(page, big);
    assert.equal(await text(page, '.summary'), '0 of 1000 workloads shown · 20 namespaces folded: select one and press Enter to unfold it');
    await page.focus('.graph');
    await page.keyboard.press('ArrowRight');
    assert.match(await text(page, '.details h2'), /^ns-\d+$/);
    await page.keyboard.press('Enter');
    await PanelPage.until(page, `document.querySelector('.summary').textContent.startsWith('50 of 1000 workloads shown · 19 namespaces folded')`);
    await page.locator('vscode-textfield').click();
    await page.keyboard.type('svc-999');
    await PanelPage.until(page, `window.__state.filter.text === 'svc-999' && /^[1-9]\\d* of 1000 workloads shown/.test(document.querySelector('.summary').textContent)`);
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it('re-reads theme colours on a theme change, and meets high-contrast text contrast', async () => {
    const page = await panel.open({ width: 600, height: 500 });
    await show(page);
    // The brightest grey on the canvas: the dark theme's foreground is #cccccc (204); high contrast's is white.
    const brightest = `[...document.querySelectorAll('.graph canvas')].reduce((max, c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] === 255) max = Math.max(max, Math.min(d[i], d[i + 1], d[i + 2]));
      return max;
    }, 0)`;
    assert.ok((await page.evaluate(brightest)) as number <= 204, 'the dark theme draws nothing brighter than its foreground');
    await page.evaluate(`(() => {
      document.body.classList.replace('vscode-dark', 'vscode-high-contrast');
      const s = document.documentElement.style;
      s.setProperty('--vscode-foreground', '#ffffff'); s.setProperty('--vscode-sideBar-background', '#000000');
      s.setProperty('--vscode-descriptionForeground', '#ffffff'); s.setProperty('--vscode-contrastBorder', '#6fc3df');
    })()`);
    await PanelPage.until(page, `${brightest} > 230`);
    await page.close();

    const hc = await panel.open({ theme: 'highContrast' });
    await show(hc);
    await hc.focus('.graph');
    await hc.keyboard.press('ArrowRight');
    const ratios = (await hc.evaluate(`(() => {
      const rgb = (c) => c.match(/\\d+/g).slice(0, 3).map(Number);
      const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const bg = getComputedStyle(document.body).backgroundColor;
      return ['.status', '.details', '.legend', '.details dt'].map((s) => [s, ratio(getComputedStyle(document.querySelector(s)).color, bg)]);
    })()`)) as [string, number][];
    for (const [selector, ratio] of ratios) assert.ok(ratio >= 7, `${selector} has contrast ${ratio.toFixed(1)}:1, below 7:1`);
    await hc.close();
  });
});
