import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { meshawareExtension } from '../harness/inExtensionHost';
import { lintCodesBecome } from '../harness/lintDiagnostics';

const NS = 'nav-it';
const SERVER = `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: web-http
  namespace: ${NS}
spec:
  podSelector:
    matchLabels:
      app: web
  port: 8080
  proxyProtocol: HTTP/1
  accessPolicy: audit
---
apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata:
  name: web-clients
  namespace: ${NS}
spec:
  identities: ["*"]
`;
const policy = (target: string, authn: string) => `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: web-authz
  namespace: ${NS}
spec:
  targetRef:
    group: policy.linkerd.io
    kind: Server
    name: ${target}
  requiredAuthenticationRefs:
    - group: policy.linkerd.io
      kind: MeshTLSAuthentication
      name: ${authn}
`;
const ROUTE = `apiVersion: policy.linkerd.io/v1beta3
kind: HTTPRoute
metadata:
  name: web-route
  namespace: ${NS}
spec:
  parentRefs:
    - group: policy.linkerd.io
      kind: Server
      name: web-http
`;

const where = (locations: readonly (vscode.Location | vscode.LocationLink)[]) =>
  locations.map((l) => ('uri' in l ? `${l.uri.path.split('/').pop()}:${l.range.start.line + 1}:${l.range.start.character + 1}` : `${l.targetUri.path.split('/').pop()}:${l.targetRange.start.line + 1}`)).sort();

const findingsBecome = (uri: vscode.Uri, expected: string[], what: string) => lintCodesBecome(uri, expected, what, true);

describe('policy editing: navigation, completion, did-you-mean, as-you-type', function () {
  this.timeout(60_000);
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const dir = join(root, 'policy-editing-it');
  const file = (name: string) => vscode.Uri.file(join(dir, name));

  before(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file('server.yaml').fsPath, SERVER);
    writeFileSync(file('policy.yaml').fsPath, policy('web-http', 'web-clients'));
    writeFileSync(file('route.yaml').fsPath, ROUTE);
    await meshawareExtension().activate();
    // The workspace index picks the new files up from the file watcher, a moment after they are written.
    const server = await vscode.workspace.openTextDocument(file('server.yaml'));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const seen = where(await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', server.uri, new vscode.Position(3, 10)));
      if (seen.length === 3) break;
      if (Date.now() > deadline) throw new Error(`the index never held the three files: ${seen.join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes to the definition of a reference in another file', async () => {
    const uri = file('policy.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const target = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', uri, new vscode.Position(9, 12));
    assert.deepEqual(where(target), ['server.yaml:4:9']);
    const authn = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', uri, new vscode.Position(13, 14));
    assert.deepEqual(where(authn), ['server.yaml:17:9']);
  });

  it('finds every reference to a Server from its metadata.name', async () => {
    const uri = file('server.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, new vscode.Position(3, 10));
    assert.deepEqual(where(refs), ['policy.yaml:10:11', 'route.yaml:10:13', 'server.yaml:4:9']);
  });

  it('completes proxyProtocol and reference kinds from the schema catalogue', async () => {
    const uri = file('server.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.replace(document.lineAt(10).range, '  proxyProtocol: '));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(10, 17));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const p of ['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS']) assert.ok(labels.includes(p), `${p} missing from ${labels.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    const route = file('route.yaml');
    const routeDoc = await vscode.workspace.openTextDocument(route);
    const routeEditor = await vscode.window.showTextDocument(routeDoc);
    await routeEditor.edit((b) => b.replace(routeDoc.lineAt(8).range, '      kind: '));
    const kinds = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', route, new vscode.Position(8, 12));
    const kindLabels = kinds.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    // `group: policy.linkerd.io` is written above, so only Linkerd's kinds of that group are offered.
    assert.deepEqual(kindLabels.filter((l) => ['Server', 'Service', 'EgressNetwork', 'Gateway'].includes(l)).sort(), ['EgressNetwork', 'Server']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('says "did you mean" for a near-miss name, as an error when traffic stays denied, and the quick fix renames it in one undo step', async () => {
    const uri = file('typo.yaml');
    const text = policy('web-htp', 'web-client').replace('name: web-authz', 'name: web-typo');
    writeFileSync(uri.fsPath, text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await findingsBecome(uri, ['10 MA301 warning', '14 MA301 error'], 'typos found');
    const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.range.start.line === 13)!;
    assert.match(diagnostic.message, /Did you mean 'web-clients'\?/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const fix = actions.find((a) => a.title === "Change to 'web-clients'");
    assert.ok(fix?.edit, `no rename among ${actions.map((a) => a.title).join(', ')}`);
    await vscode.workspace.applyEdit(fix.edit);
    assert.equal(document.getText(), text.replace('name: web-client\n', 'name: web-clients\n'));
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), text);
    await vscode.commands.executeCommand('redo');
    // As you type: the unsaved fix already clears the finding.
    await findingsBecome(uri, ['10 MA301 warning'], 'after the fix, unsaved');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('lints other files as you type: renaming a Server unsaved leaves its policy unresolved, with a suggestion', async () => {
    const uri = file('server.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(3, 16), 'x'));
    assert.ok(document.isDirty);
    await findingsBecome(file('policy.yaml'), ['10 MA301 warning'], 'policy after the unsaved rename');
    assert.match(vscode.languages.getDiagnostics(file('policy.yaml'))[0].message, /Did you mean 'web-httpx'\?/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await findingsBecome(file('policy.yaml'), [], 'after reverting');
  });
});
