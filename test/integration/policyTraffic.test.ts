import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../sim/simulator';
import type { ExtensionServices } from '../../src/editor/context';
import { meshawareExtension } from '../harness/inExtensionHost';

/**
 * Policy meets traffic in the editor, against the simulated emojivoto with Linkerd: the cluster runs a
 * policy that admits only vote-bot at web (as test/fixtures/policy/emojivoto-web-policy.yaml), so the
 * simulated proxies deny the unmeshed legacy client. The workspace's policy.yaml names the same Server.
 */
const CLUSTER_POLICY = [
  { apiVersion: 'policy.linkerd.io/v1beta3', kind: 'Server', metadata: { name: 'web-http', namespace: 'emojivoto' }, spec: { podSelector: { matchLabels: { app: 'web-svc' } }, port: 'http' } },
  { apiVersion: 'policy.linkerd.io/v1alpha1', kind: 'MeshTLSAuthentication', metadata: { name: 'web-clients', namespace: 'emojivoto' }, spec: { identityRefs: [{ kind: 'ServiceAccount', name: 'vote-bot' }] } },
  { apiVersion: 'policy.linkerd.io/v1alpha1', kind: 'AuthorizationPolicy', metadata: { name: 'web-authz', namespace: 'emojivoto' }, spec: { targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: 'web-http' }, requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: 'web-clients' }] } },
];

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.flatMap((l) => (l.command?.title ? [l.command.title] : []));
}

async function eventually<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  throw new Error(`${what}; last seen: ${JSON.stringify(last)}`);
}

const LIVE = /rps allowed/;
const impactOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => /^MA50[12]$/.test(String((d.code as { value: string } | undefined)?.value)));

describe('policy files with live traffic (code lenses and impact preview)', function () {
  this.timeout(180_000);
  let sim: Simulator;
  let document: vscode.TextDocument;
  const savedKubeconfig = process.env.KUBECONFIG;

  before(async () => {
    sim = await startSimulator({ readinessDelayMs: 100, scenario: 'emojivoto', linkerd: 'installed' });
    await meshawareExtension().activate();
    const uri = vscode.Uri.file(join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'policy.yaml'));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = savedKubeconfig;
    await sim.close();
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
  });

  it('shows no live numbers without a context', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual((await lensTitles(document.uri)).filter((t) => LIVE.test(t)), []);
  });

  it('shows what the proxies admitted and refused over the Server the cluster runs', async () => {
    const services = (await meshawareExtension().activate()) as ExtensionServices;
    process.env.KUBECONFIG = sim.kubeconfigPath;
    await vscode.commands.executeCommand('meshaware.cluster.refresh');
    const client = await services.cluster.client();
    for (const o of CLUSTER_POLICY) await client.apply(o);
    const titles = await eventually(() => lensTitles(document.uri), (ts) => ts.some((t) => t.includes('web-http: ') && LIVE.test(t)), 90_000, 'no live lens over web-http');
    const web = titles.find((t) => t.includes('web-http: '))!;
    // vote-bot sends 6 rps to web and the unmeshed legacy client 1.5 rps (sim/scenarios/emojivoto.ts).
    const [, allowed, denied] = /web-http: ([\d.]+) rps allowed from 1 identity · ([\d.]+) rps denied/.exec(web) ?? [];
    assert.ok(allowed && Math.abs(Number(allowed) - 6) <= 1, web);
    // web runs two replicas, each proxy counting whole requests over the refresh window: half a request per second
    // either way is the granularity of a few seconds' window, not an error.
    assert.ok(denied && Math.abs(Number(denied) - 1.5) <= 0.75, web);
    // Objects the proxies never named (the cluster's authorization is web-authz) get no numbers.
    assert.ok(!titles.some((t) => t.startsWith('$(pulse) web-http-from-clients')), titles.join('\n'));
  });

  it('the file as the cluster decides: no impact diagnostics for web', async () => {
    assert.deepEqual(impactOf(document.uri).filter((d) => /deployment\/web\./.test(d.message)), []);
  });

  it('an unsaved typo that would lock vote-bot out shows as an impact warning on the Server', async () => {
    const text = document.getText();
    const at = text.indexOf('      name: vote-bot\n');
    assert.ok(at > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + '      name: vote-bot'.length)), '      name: vote-bots');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const found = await eventually(() => impactOf(document.uri), (ds) => ds.some((d) => /vote-bot\.emojivoto/.test(d.message)), 30_000, 'no impact diagnostic for vote-bot');
    const d = found.find((x) => /vote-bot\.emojivoto/.test(x.message))!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal((d.code as { value: string }).value, 'MA501');
    assert.match(d.message, /^Would deny [\d.]+ rps that is allowed now: vote-bot\.emojivoto\.serviceaccount\.identity\.linkerd\.cluster\.local → deployment\/web\.emojivoto:8080\..*Covers observed traffic only\.$/);
    const server = document.positionAt(document.getText().indexOf('  name: web-http\n')).line;
    assert.deepEqual([d.range.start.line, document.lineAt(d.range.start.line + 1).text], [server - 3, 'kind: Server']);
  });

  // Audit mode (linkerd2-proxy linkerd/app/inbound/src/policy/http.rs: a request only the default `audit`
  // authorization admits is allowed and counted under authz_name="audit").
  it('audit mode: previews would-be denials before apply, then the lens and the preview show the proxies confirming them', async () => {
    const typo = document.getText().indexOf('name: vote-bots');
    assert.ok(typo > 0);
    const fix = new vscode.WorkspaceEdit();
    fix.replace(document.uri, new vscode.Range(document.positionAt(typo), document.positionAt(typo + 'name: vote-bots'.length)), 'name: vote-bot');
    assert.ok(await vscode.workspace.applyEdit(fix));
    const at = document.getText().indexOf('  port: http\n  proxyProtocol: HTTP/1\n');
    assert.ok(at > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(at), '  accessPolicy: audit\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const audits = () => vscode.languages.getDiagnostics(document.uri).filter((d) => (d.code as { value: string } | undefined)?.value === 'MA503');
    const predicted = await eventually(audits, (ds) => ds.some((d) => /deployment\/web\./.test(d.message)), 30_000, 'no MA503 before apply');
    assert.match(predicted[0].message, /^[\d.]+ rps would be denied \(audit\): \(no mesh identity\) → deployment\/web\.emojivoto:8080\..*Apply it to have the proxies confirm it on real traffic, denying nothing\./);
    assert.equal(predicted[0].severity, vscode.DiagnosticSeverity.Information);

    const client = await ((await meshawareExtension().activate()) as ExtensionServices).cluster.client();
    await client.apply({ ...CLUSTER_POLICY[0], spec: { ...CLUSTER_POLICY[0].spec, accessPolicy: 'audit' } });
    const titles = await eventually(() => lensTitles(document.uri), (ts) => ts.some((t) => /web-http: .* · 0\.0 rps denied · [\d.]+ rps would be denied \(audit\)$/.test(t)), 90_000, 'no audit numbers on the web-http lens');
    assert.match(titles.find((t) => t.includes('web-http: '))!, /rps allowed from 1 identity · 0\.0 rps denied · [\d.]+ rps would be denied \(audit\)$/);
    await eventually(audits, (ds) => ds.some((d) => /The proxies confirm it/.test(d.message)), 60_000, 'MA503 never said the proxies confirm it');
  });
});

