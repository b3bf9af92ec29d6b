import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { meshawareExtension } from '../harness/inExtensionHost';
import { waitUntil } from '../harness/poll';

interface Contributes {
  viewsContainers: { activitybar: { id: string }[] };
  views: Record<string, { id: string; type?: string }[]>;
}

describe('Live Traffic view', () => {
  before(async () => {
    const extension = meshawareExtension();
    await extension.activate();
    await waitUntil(() => extension.isActive, 15_000, 'the extension did not activate');
  });

  it('is a webview view in the Meshaware activity-bar container', () => {
    const contributes = (meshawareExtension().packageJSON as { contributes: Contributes }).contributes;
    assert.ok(contributes.viewsContainers.activitybar.some((c) => c.id === 'meshaware'));
    assert.deepEqual(contributes.views.meshaware.find((v) => v.id === 'meshaware.traffic')?.type, 'webview');
  });

  it('ships every file its page loads: bundle, layout worker and stylesheet', () => {
    const root = meshawareExtension().extensionPath;
    for (const file of ['dist/webview/traffic.js', 'dist/webview/trafficLayout.js', 'media/webview/traffic.css']) assert.ok(existsSync(join(root, file)), `${file} is missing`);
  });

  it('opens, and its title-bar commands run', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['meshaware.traffic.refresh', 'meshaware.traffic.pause', 'meshaware.traffic.resume', 'meshaware.traffic.focus']) assert.ok(commands.includes(c), `${c} is not registered`);
    await vscode.commands.executeCommand('meshaware.traffic.focus');
    await vscode.commands.executeCommand('meshaware.traffic.pause');
    await vscode.commands.executeCommand('meshaware.traffic.resume');
    await vscode.commands.executeCommand('meshaware.traffic.refresh');
  });

  it('has its settings with defaults that poll gently', () => {
    const c = vscode.workspace.getConfiguration('meshaware.traffic');
    assert.equal(c.get('refreshSeconds'), 5);
    assert.equal(c.get('source'), 'auto');
    assert.ok((c.get<number>('failBelow') ?? 1) < (c.get<number>('warnBelow') ?? 0));
  });
});
