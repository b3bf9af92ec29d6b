import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { meshawareExtension } from '../harness/inExtensionHost';
import { waitUntil } from '../harness/poll';

describe('activation', () => {
  it('activates when a YAML manifest opens', async () => {
    const extension = meshawareExtension();
    assert.ok((extension.packageJSON as { activationEvents: string[] }).activationEvents.includes('onLanguage:yaml'));
    // Otherwise this test could not tell that the YAML file is what activated it.
    assert.equal(extension.isActive, false, 'the extension was already active before any YAML file opened');
    const [file] = await vscode.workspace.findFiles('vote-bot.yaml');
    assert.ok(file, 'vote-bot.yaml is missing from the test workspace');
    const started = performance.now();
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'yaml');
    await waitUntil(() => extension.isActive, 15_000, 'the extension did not activate after a YAML file opened');
    console.log(`activation: active ${(performance.now() - started).toFixed(0)} ms after opening a YAML file`);
  });

  // The cluster features read the kubeconfig just after activation (by design); what must never happen is
  // the activation path itself requiring the Kubernetes client, so the bundle may reach it only by import().
  it('keeps the Kubernetes client out of the activation path', () => {
    const extension = meshawareExtension();
    const main = join(extension.extensionPath, 'dist', 'extension.js');
    // The bundle that just activated is the one inspected below.
    assert.ok(Object.keys(require.cache).includes(main), `${main} is not the loaded extension`);
    const bundle = readFileSync(main, 'utf8');
    assert.doesNotMatch(bundle, /require\(["']\.\/kube\.js["']\)/, 'dist/extension.js requires ./kube.js eagerly');
    assert.doesNotMatch(bundle, /node_modules\/@kubernetes\//, 'dist/extension.js bundles @kubernetes/client-node');
    assert.match(bundle, /import\(["']\.\/kube\.js["']\)/, 'dist/extension.js no longer loads ./kube.js lazily');
  });
});

describe('the VS Code it runs in', () => {
  it('is one that engines.vscode admits, and under MESHAWARE_VSCODE=oldest the oldest one it claims', () => {
    const claimed = (meshawareExtension().packageJSON as { engines: { vscode: string } }).engines.vscode;
    const [major, minor] = /^\^(\d+)\.(\d+)\.\d+$/.exec(claimed)!.slice(1).map(Number);
    const [runningMajor, runningMinor] = vscode.version.split('.').map(Number);
    console.log(`VS Code ${vscode.version}; engines.vscode ${claimed}`);
    assert.ok(runningMajor === major && runningMinor >= minor, `VS Code ${vscode.version} is outside ${claimed}`);
    if (process.env.MESHAWARE_VSCODE === 'oldest') assert.equal(runningMinor, minor, `the oldest tier must run VS Code ${major}.${minor}`);
  });
});
