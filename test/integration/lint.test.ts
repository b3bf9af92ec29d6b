import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { meshawareExtension } from '../harness/inExtensionHost';
import { lintCodes as codes, lintCodesBecome as diagnosticsBecome } from '../harness/lintDiagnostics';

const SERVER = (port: string) => `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: web-http
  namespace: lint-it
spec:
  podSelector:
    matchLabels:
      app: web
  port: ${port}
  proxyProtocol: HTTP/1
`;

const POLICY = (server: string) => `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: web-authz
  namespace: lint-it
spec:
  targetRef:
    group: policy.linkerd.io
    kind: Server
    name: ${server}
  requiredAuthenticationRefs: []
`;

describe('policy lint in the editor', function () {
  this.timeout(60_000);
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const dir = join(root, 'lint-it');
  const file = (name: string) => vscode.Uri.file(join(dir, name));

  before(async () => {
    mkdirSync(dir, { recursive: true });
    await meshawareExtension().activate();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows findings with a documentation link when a file opens, and with meshaware.lint.run onSave only on save', async () => {
    const config = vscode.workspace.getConfiguration('meshaware.lint');
    await config.update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
    try {
      const uri = file('server.yaml');
      writeFileSync(uri.fsPath, SERVER('70000'));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await diagnosticsBecome(uri, ['10 MA201', '4 MA307'], 'on open');
      const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => typeof d.code === 'object' && d.code.value === 'MA201')!;
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.match(String((diagnostic.code as { target: vscode.Uri }).target), /docs\/rules\/MA201\.md$/);

      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, diagnostic.range, '8080');
      await vscode.workspace.applyEdit(edit);
      // On save only: the edit alone does not change the diagnostics.
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(codes(uri), ['10 MA201', '4 MA307']);
      await document.save();
      await diagnosticsBecome(uri, ['4 MA307'], 'after save');
    } finally {
      await config.update('run', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('applies a quick fix through the code action provider', async () => {
    const uri = file('quoted.yaml');
    writeFileSync(uri.fsPath, SERVER('"8080"').replace('name: web-http', 'name: web-quoted').replace('proxyProtocol: HTTP/1', 'proxyProtocol: http'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await diagnosticsBecome(uri, ['10 MA305', '11 MA202', '4 MA307'], 'on open');
    const range = vscode.languages.getDiagnostics(uri).find((d) => typeof d.code === 'object' && d.code.value === 'MA202')!.range;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    const fix = actions.find((a) => a.title === "Change to 'HTTP/1'");
    assert.ok(fix?.edit, `no quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(actions.some((a) => a.title === 'Suppress MA202 on this line'));
    await vscode.workspace.applyEdit(fix.edit);
    assert.match(document.getText(), /proxyProtocol: HTTP\/1/);
    await document.save();
    await diagnosticsBecome(uri, ['10 MA305', '4 MA307'], 'after the fix');
  });

  it('suppresses a code with the suppression action', async () => {
    const uri = file('quoted.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    const range = vscode.languages.getDiagnostics(uri).find((d) => typeof d.code === 'object' && d.code.value === 'MA305')!.range;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    await vscode.workspace.applyEdit(actions.find((a) => a.title === 'Suppress MA305 on this line')!.edit!);
    assert.match(document.getText(), /\n {2}# meshaware-disable-next-line MA305\n {2}port: "8080"/);
    await document.save();
    await diagnosticsBecome(uri, ['4 MA307'], 'after suppressing');
  });

  it('updates findings across files when a referenced file changes, also while it is closed', async () => {
    const policy = file('policy.yaml');
    writeFileSync(policy.fsPath, POLICY('web-http'));
    // The policy authorizes the Server: its "no authorization" warning goes away without touching server.yaml.
    await diagnosticsBecome(file('server.yaml'), [], 'after the policy appeared');
    await diagnosticsBecome(policy, [], 'policy resolves');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    writeFileSync(policy.fsPath, POLICY('web-https'));
    await diagnosticsBecome(policy, ['10 MA301'], 'unresolved target');
    await diagnosticsBecome(file('server.yaml'), ['4 MA307'], 'server unauthorized again (closed file)');
  });

  it('lints as you type by default', async () => {
    const uri = file('typing.yaml');
    writeFileSync(uri.fsPath, SERVER('8080').replace('name: web-http', 'name: web-typing').replace('port: 8080', 'port: 8080\n  accessPolicy: audit'));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await diagnosticsBecome(uri, [], 'clean on open');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, document.lineAt(9).range, '  port: 0');
      await vscode.workspace.applyEdit(edit);
      await diagnosticsBecome(uri, ['10 MA201'], 'while typing, unsaved');
      assert.ok(document.isDirty);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('honours the severity setting', async () => {
    const config = vscode.workspace.getConfiguration('meshaware.lint');
    await config.update('severity', { MA307: 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsBecome(file('server.yaml'), [], 'MA307 off');
    } finally {
      await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsBecome(file('server.yaml'), ['4 MA307'], 'MA307 back');
  });
});
