// Restricted Mode (package.json `capabilities.untrustedWorkspaces`): the workspace is not trusted and carries a
// .vscode/settings.json that would point the traffic view at another Prometheus and paint every edge green
// (see HOSTILE_SETTINGS in test/harness/runIntegration.ts). Lint and lenses must work; nothing that contacts a
// cluster may, and none of those settings may take effect.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readPrometheusUrl, readSettings, readSourceSetting } from '../../../src/editor/traffic/settings';
import { meshawareExtension } from '../../harness/inExtensionHost';
import { waitUntil } from '../../harness/poll';

describe('Restricted Mode: a cloned repository that is not trusted', function () {
  this.timeout(60_000);
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;

  before(async () => {
    const extension = meshawareExtension();
    await extension.activate();
    await waitUntil(() => extension.isActive, 15_000, 'the extension did not activate in Restricted Mode');
  });

  it('runs in a workspace that is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('ignores the workspace settings that choose where traffic data comes from', () => {
    const c = vscode.workspace.getConfiguration('meshaware.traffic');
    // The repository's values are there to read, but do not take effect.
    assert.equal(c.inspect('prometheusUrl')?.workspaceValue ?? c.inspect('prometheusUrl')?.workspaceFolderValue, undefined, 'a machine-scoped setting has no workspace value');
    assert.equal(readPrometheusUrl(), undefined);
    assert.equal(readSourceSetting(), 'auto');
    const { warnBelow, failBelow } = readSettings();
    assert.deepEqual([warnBelow, failBelow], [0.99, 0.95], 'restricted thresholds keep their defaults');
  });

  it('still lints and shows the mesh code lenses', async () => {
    const uri = vscode.Uri.file(join(root, 'emojivoto.yaml'));
    await vscode.window.showTextDocument(uri);
    let titles: string[] = [];
    for (let i = 0; !titles.some((t) => /mesh/i.test(t)); i++) {
      assert.ok(i < 100, 'no mesh lens in Restricted Mode');
      if (i) await new Promise((r) => setTimeout(r, 200));
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      titles = lenses.map((l) => l.command?.title ?? '');
    }
    assert.ok(!titles.some((t) => /Apply to/.test(t)), `no cluster lens: ${titles.join(' | ')}`);
    // A Server whose port is out of range: a schema finding.
    const policy = vscode.Uri.file(join(root, 'restricted-lint.yaml'));
    writeFileSync(policy.fsPath, 'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: web-http\n  namespace: emojivoto\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  port: 70000\n');
    await vscode.window.showTextDocument(policy);
    await waitUntil(() => vscode.languages.getDiagnostics(policy).some((d) => d.source === 'meshaware'), 20_000, 'a Server with port 70000 was not linted in Restricted Mode');
  });

  it('registers no cluster action until the workspace is trusted', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['meshaware.cluster.applyDocument', 'meshaware.cluster.restartWorkload', 'meshaware.linkerd.install', 'meshaware.linkerd.uninstall', 'meshaware.cluster.selectContext']) {
      assert.ok(!commands.includes(c), `${c} is available in Restricted Mode`);
    }
    assert.ok(commands.includes('meshaware.addToMesh'), 'editing commands stay available');
  });
});
