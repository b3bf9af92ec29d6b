import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/editor/context';
import { ManifestActions } from '../../src/editor/traffic/manifestActions';
import { WorkspaceIndex } from '../../src/editor/workspaceIndex';
import { meshawareExtension } from '../harness/inExtensionHost';

/**
 * Open manifest from the Live Traffic panel, on the sample workspace: the workload's object is revealed, and a
 * workload with no manifest is reported to the caller (the panel shows it where it was clicked), not as a toast.
 */
describe('Open manifest from the traffic panel', function () {
  this.timeout(60_000);
  let index: WorkspaceIndex;
  let actions: ManifestActions;

  before(async () => {
    const services = (await meshawareExtension().activate()) as ExtensionServices;
    index = new WorkspaceIndex(services.manifests, services.log);
    actions = new ManifestActions(services, index);
  });
  after(async () => {
    index.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the workload at its object', async () => {
    const failures: string[] = [];
    const opened = await actions.open({ kind: 'Deployment', name: 'web', namespace: 'emojivoto' }, (why) => failures.push(why));
    assert.deepEqual(failures, []);
    assert.ok(opened && opened.editor.document.uri.path.endsWith('/emojivoto.yaml'));
    assert.match(opened.editor.document.lineAt(opened.editor.selection.start.line).text, /kind: Deployment/);
  });

  it('tells the caller why, when no manifest in the workspace defines the workload', async () => {
    const failures: string[] = [];
    const opened = await actions.open({ kind: 'Deployment', name: 'linkerd-destination', namespace: 'linkerd' }, (why) => failures.push(why));
    assert.equal(opened, undefined);
    assert.deepEqual(failures, ['No manifest for Deployment "linkerd-destination" (namespace "linkerd") in this workspace. Open the folder that holds its YAML.']);
  });
});
