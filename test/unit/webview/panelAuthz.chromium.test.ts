// Authorization in the panel, in real Chromium: denied traffic is drawn by pattern as well as colour, counted in a
// sortable Denied column, and explained in the details pane with Open policy beside each Server, route and
// authorization.
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { numbersBetween } from '../../../src/shared/trafficNumbers';
import type { TrafficSnapshot } from '../../../src/shared/trafficProtocol';
import type { Geometry } from '../../../webview/traffic/geometry';
import { simEmojivotoDenied, simEmojivotoOpaqueDenied } from './fixtures';
import { PanelPage } from './panelPage';

const SETTINGS = { type: 'settings', settings: { intervalSeconds: 5, warnBelow: 0.99, failBelow: 0.95 } } as const;
const geometry = (page: Page) => page.evaluate('window.meshawareGraphGeometry()') as Promise<Geometry>;
const BOT_TO_WEB = 'emojivoto/Deployment/vote-bot->emojivoto/Deployment/web';
const WEB_TO_EMOJI = 'emojivoto/Deployment/web->emojivoto/Deployment/emoji';
const WEB_TO_DB = 'emojivoto/Deployment/web->emojivoto/StatefulSet/db';
const VOTING_TO_DB = 'emojivoto/Deployment/voting->emojivoto/StatefulSet/db';

async function show(page: Page, snapshot: TrafficSnapshot): Promise<void> {
  await PanelPage.send(page, SETTINGS);
  await PanelPage.send(page, { type: 'snapshot', snapshot });
  await PanelPage.rendered(page, snapshot.updatedAt);
}

async function select(page: Page, heading: string): Promise<void> {
  await page.focus('.graph');
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('ArrowRight');
    if ((await page.locator('.details h2').innerText()) === heading) return;
  }
  throw new Error(`nothing called ${heading} in the graph`);
}

describe('traffic panel in Chromium: authorization', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  before(async () => (panel = await PanelPage.start()));
  after(async () => panel?.close());

  it('draws a denied edge dotted with a bar at its end, in its own colour, with ⊘ … denied on its label; allowed edges stay solid', async () => {
    const page = await panel.open();
    await show(page, simEmojivotoDenied(Date.now()));
    const edges = new Map((await geometry(page)).edges.map((e) => [e.id, e.drawn]));
    const denied = edges.get(BOT_TO_WEB)!;
    const allowed = edges.get(WEB_TO_EMOJI)!;
    assert.equal(denied.line, 'dashed', 'a short-dash (dotted) pattern');
    assert.equal(denied.arrow, 'tee');
    assert.equal(denied.label, '⊘ 6.0/s denied', 'all of its requests');
    assert.equal(edges.get('emojivoto/Deployment/legacy-client->emojivoto/Deployment/web')!.label, '⚠ 1.5/s ⊘ 0.5 denied', 'some of them');
    assert.deepEqual([allowed.line, allowed.arrow, allowed.label], ['solid', 'triangle', '7.5/s']);
    assert.notEqual(denied.colour, allowed.colour);
    assert.match(await page.locator('.legend').innerText(), /⊘ dotted, ⊣ end: requests or connections denied by policy/);
    // Numbers between polls keep the class up to date: once web admits vote-bot again, its edge is drawn allowed.
    const before = simEmojivotoDenied(1);
    await show(page, before);
    const healed = { ...before, updatedAt: 2, edges: before.edges.map((e) => (e.id === BOT_TO_WEB ? { ...e, allowedRps: 6, deniedRps: 0 } : e)) };
    await PanelPage.sendNumbers(page, numbersBetween(before, healed));
    await PanelPage.rendered(page, 2);
    const after = (await geometry(page)).edges.find((e) => e.id === BOT_TO_WEB)!.drawn;
    assert.deepEqual([after.line, after.arrow, after.label], ['solid', 'triangle', '6.0/s']);
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it('sorts by a Denied column whose cells say what they count', async () => {
    const page = await panel.open();
    await show(page, simEmojivotoDenied(Date.now()));
    await page.locator('vscode-button', { hasText: 'Table' }).click();
    await page.locator('th button', { hasText: 'Denied' }).click();
    await page.locator('th[aria-sort="descending"]', { hasText: 'Denied ▼' }).waitFor({ timeout: 5000 });
    assert.equal(await page.locator('th', { hasText: 'Denied' }).getAttribute('abbr'), 'Requests (or connections, in conn/s) per second denied by policy');
    const first = page.locator('tbody tr').first();
    assert.match(await first.innerText(), /web\s+← vote-bot/);
    assert.equal(await first.locator('td.denied').innerText(), '⊘ 6.0');
    assert.equal(await first.locator('td.denied').getAttribute('aria-label'), '6.0 requests per second denied by policy');
    assert.equal(await page.locator('tbody tr', { hasText: 'emoji' }).locator('td.denied').getAttribute('aria-label'), 'none denied');
    await page.close();
  });

  it("lists a workload's Servers with what admitted and what refused its callers, and Open policy asks the host for the object", async () => {
    const page = await panel.open({ width: 1200 });
    await show(page, simEmojivotoDenied(Date.now()));
    await select(page, 'web');
    const authz = page.locator('.details .authz');
    const text = await authz.innerText();
    assert.match(text, /Server web-http \(port 8080\)/);
    assert.match(text, /Route\s+default \(no HTTPRoute attached to the Server\)/);
    assert.doesNotMatch(text, /web-http-from-clients/, 'an authorization that admitted nothing in the window is not listed');
    assert.match(text, /7\.5 rps denied: no authorization matched[\s\S]*Refused \(2 clients\)\s+vote-bot\.emojivoto\.serviceaccount\.identity\.linkerd\.cluster\.local · 6\.0 rps\s+clients without a mesh identity · 1\.5 rps/);
    assert.match(text, /0\.2 rps denied: route not found\s+No route of this Server matches these requests; the proxy answers 404\./);
    await authz.locator('vscode-button[aria-label="Open policy: Server web-http"]').click();
    const w = { kind: 'Deployment', name: 'web', namespace: 'emojivoto' };
    assert.deepEqual((await PanelPage.posted(page)).at(-1), { type: 'openPolicy', policy: { kind: 'server', name: 'web-http', namespace: 'emojivoto', workload: w } });

    await select(page, 'emoji');
    assert.match(await authz.innerText(), /7\.5 rps allowed[\s\S]*Admitted by\s+AuthorizationPolicy emoji-grpc-from-web/);
    await authz.locator('vscode-button[aria-label="Open policy: AuthorizationPolicy emoji-grpc-from-web"]').click();
    assert.deepEqual((await PanelPage.posted(page)).at(-1), { type: 'openPolicy', policy: { kind: 'authorizationpolicy', name: 'emoji-grpc-from-web', namespace: 'emojivoto', workload: { ...w, name: 'emoji' } } });

    // voting runs on the default policy: it says which, what it admits, and where such a policy is set.
    await select(page, 'voting');
    assert.match(await authz.innerText(), /Default policy all-unauthenticated \(port 8080\)[\s\S]*admits every client[\s\S]*config\.linkerd\.io\/default-inbound-policy/);
    await authz.locator('vscode-button[aria-label="Open policy: where the default policy of voting is set"]').click();
    assert.deepEqual((await PanelPage.posted(page)).at(-1), { type: 'openPolicy', policy: { kind: 'default', name: 'all-unauthenticated', namespace: 'emojivoto', workload: { ...w, name: 'voting' } } });
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it('draws an edge whose connections an opaque Server refused as denied, counts them in conn/s, and explains the refusal', async () => {
    const page = await panel.open({ width: 1200 });
    await show(page, simEmojivotoOpaqueDenied(Date.now()));
    const edges = new Map((await geometry(page)).edges.map((e) => [e.id, e.drawn]));
    const refused = edges.get(WEB_TO_DB)!;
    assert.deepEqual([refused.line, refused.arrow, refused.label], ['dashed', 'tee', '⊘ 0.55 conn/s denied'], 'no requests at all: only its refused connections to show');
    const admitted = edges.get(VOTING_TO_DB)!;
    assert.deepEqual([admitted.line, admitted.arrow], ['solid', 'triangle']);
    assert.notEqual(refused.colour, admitted.colour);

    await select(page, 'db');
    const authz = page.locator('.details .authz');
    const text = await authz.innerText();
    assert.match(text, /Server db-tcp \(port 5432\)/);
    assert.match(text, /0\.50 conn\/s denied: no authorization matched[\s\S]*Authorized per\s+connection: an opaque or TLS port, or traffic that is not HTTP[\s\S]*Refused \(1 client\)\s+web\.emojivoto\.serviceaccount\.identity\.linkerd\.cluster\.local · 0\.50 conn\/s/);
    assert.match(text, /0\.05 conn\/s denied: closed after a policy change\s+These connections were admitted when they opened/);
    assert.match(text, /0\.10 conn\/s allowed[\s\S]*Admitted by\s+AuthorizationPolicy db-clients/);
    assert.doesNotMatch(text, /rps|Route/, 'connections are not requests, and have no route');
    await authz.locator('vscode-button[aria-label="Open policy: AuthorizationPolicy db-clients"]').click();
    assert.deepEqual((await PanelPage.posted(page)).at(-1), { type: 'openPolicy', policy: { kind: 'authorizationpolicy', name: 'db-clients', namespace: 'emojivoto', workload: { kind: 'StatefulSet', name: 'db', namespace: 'emojivoto' } } });

    await select(page, 'web → db');
    assert.match(await authz.innerText(), /0\.50 conn\/s denied[\s\S]*0\.05 conn\/s denied: closed after a policy change/);

    await page.locator('vscode-button', { hasText: 'Table' }).click();
    const row = (name: string) => page.locator('tbody tr', { hasText: `← ${name}` }).filter({ hasText: 'db' }).locator('td.denied');
    assert.equal(await row('web').innerText(), '⊘ 0.55 conn/s');
    assert.equal(await row('web').getAttribute('aria-label'), '0.55 connections per second denied by policy');
    assert.deepEqual([await row('voting').innerText(), await row('voting').getAttribute('aria-label')], ['0 conn/s', 'none denied']);
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it("shows for an edge only its caller's requests", async () => {
    const page = await panel.open({ width: 1200 });
    await show(page, simEmojivotoDenied(Date.now()));
    await select(page, 'vote-bot → web');
    const text = await page.locator('.details .authz').innerText();
    assert.match(text, /6\.0 rps denied[\s\S]*Refused \(1 client\)/);
    assert.doesNotMatch(text, /1\.5 rps|clients without a mesh identity/, 'not the unmeshed callers');
    await select(page, 'unmeshed → web');
    assert.match(await page.locator('.details .authz').innerText(), /1\.5 rps denied[\s\S]*clients without a mesh identity/);
    await page.close();
  });
});
