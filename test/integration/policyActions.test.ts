import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/editor/context';
import { ManifestActions } from '../../src/editor/traffic/manifestActions';
import { PolicyActions } from '../../src/editor/traffic/policyActions';
import { WorkspaceIndex } from '../../src/editor/workspaceIndex';
import type { PolicyTarget } from '../../src/shared/trafficProtocol';
import { meshawareExtension } from '../harness/inExtensionHost';

/**
 * Open policy from the Live Traffic panel, on the sample workspace: the Server or authorization the proxy named
 * (by its lower-case kind label) is revealed at its name in policy.yaml; an object only on the cluster, and a
 * default policy that no YAML here sets, are reported to the panel with what to do.
 */
describe('Open policy from the traffic panel', function () {
  this.timeout(60_000);
  let index: WorkspaceIndex;
  let policies: PolicyActions;
  const web = { kind: 'Deployment', name: 'web', namespace: 'emojivoto' };
  const target = (kind: string, name: string): PolicyTarget => ({ kind, name, namespace: 'emojivoto', workload: web });

  before(async () => {
    const services = (await meshawareExtension().activate()) as ExtensionServices;
    index = new WorkspaceIndex(services.manifests, services.log);
    const manifests = new ManifestActions(services, index);
    // The index scans the workspace after it is made: the sample's policy.yaml is in it once Open manifest finds web.
    await manifests.find(web);
    policies = new PolicyActions(index, manifests);
  });
  after(async () => {
    index.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function open(p: PolicyTarget): Promise<{ failures: string[]; selected?: string; line?: string; file?: string }> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const failures: string[] = [];
    await policies.open(p, (why) => failures.push(why));
    const editor = vscode.window.activeTextEditor;
    if (!editor) return { failures };
    return { failures, file: editor.document.uri.path.split('/').pop(), selected: editor.document.getText(editor.selection), line: editor.document.lineAt(editor.selection.start.line - 2).text };
  }

  it('reveals the Server the proxy labels `server` at its name, not a reference to it', async () => {
    const r = await open(target('server', 'web-http'));
    assert.deepEqual(r.failures, []);
    assert.equal(r.file, 'policy.yaml');
    assert.equal(r.selected, 'web-http');
    assert.equal(r.line, 'kind: Server');
  });

  it('reveals an AuthorizationPolicy by its lower-case kind label', async () => {
    const r = await open(target('authorizationpolicy', 'web-http-from-clients'));
    assert.deepEqual([r.failures, r.selected, r.line], [[], 'web-http-from-clients', 'kind: AuthorizationPolicy']);
  });

  it('says when the cluster runs an object this workspace does not define, with the command that shows it', async () => {
    const r = await open(target('authorizationpolicy', 'web-authz'));
    assert.equal(r.file, undefined, 'nothing opened');
    assert.deepEqual(r.failures, ['AuthorizationPolicy "web-authz" (namespace "emojivoto") is on the cluster but not in this workspace. Open the folder that holds its YAML, or read the cluster\'s copy with: kubectl get authorizationpolicy web-authz -n emojivoto -o yaml']);
  });

  it("says a default policy no manifest here sets is the cluster's default", async () => {
    const r = await open(target('default', 'all-unauthenticated'));
    assert.equal(r.file, undefined);
    assert.match(r.failures[0] ?? '', /^The default policy all-unauthenticated of Deployment web is the cluster's default: neither its pod template nor Namespace "emojivoto" in this workspace sets config\.linkerd\.io\/default-inbound-policy\./);
  });
});
