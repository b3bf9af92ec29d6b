import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/editor/context';
import { meshawareExtension } from '../harness/inExtensionHost';

const workload = (kind: string, name: string, podSpec = '', template = '', own = '') =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${own}spec:\n  template:\n    metadata:\n${template}      labels:\n        app: ${name}\n    spec:\n${podSpec}      containers:\n        - name: ${name}\n          image: ${name}\n`;
const annotated = (value: string) => `      annotations:\n        linkerd.io/inject: ${value}\n`;
const ownAnnotation = (value: string) => `  annotations:\n    linkerd.io/inject: ${value}\n`;
const MESH = '      annotations:\n        linkerd.io/inject: enabled\n';

/** One object per case of the decision; the comment names it for the assertions below. */
const OBJECTS = {
  plain: workload('Deployment', 'plain'),
  optedOut: workload('Deployment', 'opted-out', '', annotated('disabled')),
  misplaced: workload('StatefulSet', 'misplaced', '', '', ownAnnotation('enabled')),
  misplacedOptOut: workload('Deployment', 'misplaced-opt-out', '', '', ownAnnotation('disabled')),
  invalid: workload('Deployment', 'invalid', '', annotated('"true"')),
  inherits: workload('Deployment', 'inherits', '', '', '  namespace: decide-it-shop\n'),
  namespace: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: decide-it-shop\n  annotations:\n    linkerd.io/inject: enabled\n',
  hostNetwork: workload('DaemonSet', 'node-agent', '      hostNetwork: true\n'),
  istio: workload('Deployment', 'reviews', '      initContainers:\n        - name: istio-init\n          image: istio/proxyv2\n'),
  manual: workload('Deployment', 'manual', '      initContainers:\n        - name: linkerd-init\n          image: cr.l5d.io/linkerd/proxy-init:v2.4.3\n        - name: linkerd-proxy\n          image: cr.l5d.io/linkerd/proxy:edge-26.6.3\n', '      annotations:\n        linkerd.io/proxy-version: edge-26.6.3\n'),
  controlPlane: workload('Deployment', 'linkerd-identity').replace('        app: linkerd-identity\n', '        app: linkerd-identity\n        linkerd.io/control-plane-component: identity\n'),
  udp: workload('Deployment', 'dns').replace('          image: dns\n', '          image: dns\n          ports:\n            - containerPort: 53\n              protocol: UDP\n'),
  list: `apiVersion: v1\nkind: List\nitems:\n${[workload('Deployment', 'item-a'), workload('Deployment', 'item-b')].map((w) => w.replace(/^/gm, '  ').replace(/^ {2}apiVersion/, '- apiVersion').replace(/\n {2}$/, '\n')).join('')}`,
};
const TEXT = Object.values(OBJECTS).join('---\n');

/** The file after Add All, as the core's decision says: written out here, not computed by the code under test. */
const AFTER_ADD_ALL = Object.values({
  ...OBJECTS,
  plain: workload('Deployment', 'plain', '', MESH),
  misplaced: workload('StatefulSet', 'misplaced', '', MESH),
  invalid: workload('Deployment', 'invalid', '', annotated('"enabled"')),
  udp: OBJECTS.udp.replace('    metadata:\n', `    metadata:\n${MESH}`),
  list: OBJECTS.list.replace(/ {6}metadata:\n/g, '      metadata:\n        annotations:\n          linkerd.io/inject: enabled\n'),
}).join('---\n');

/** The Meshaware output channel as written to disk (the notifications are logged there too). */
function meshawareLog(services: ExtensionServices): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('Meshaware.log')) files.push(join(dir, entry.name));
    }
  };
  walk(dirname(dirname(services.context.logUri.fsPath)));
  files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.ok(files.length, `no Meshaware.log under ${dirname(dirname(services.context.logUri.fsPath))}`);
  return readFileSync(files[0], 'utf8');
}

async function logShows(services: ExtensionServices, expected: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!meshawareLog(services).includes(expected)) {
    if (Date.now() > deadline) assert.fail(`the log never showed:\n${expected}\nlast lines:\n${meshawareLog(services).split('\n').slice(-15).join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return all.filter((l) => l.command && !/^Apply to/.test(l.command.title)).map((l) => l.command!.title);
}

describe('Add to mesh decides as meshaware inject does (the editor side of the one decision)', function () {
  this.timeout(120_000);
  const dir = join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'decide-it');
  const uri = vscode.Uri.file(join(dir, 'all.yaml'));
  let document: vscode.TextDocument;
  let services: ExtensionServices;

  before(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(uri.fsPath, TEXT);
    services = (await meshawareExtension().activate()) as ExtensionServices;
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    // The workspace index must have seen the Namespace before "meshed via namespace" can be decided.
    const deadline = Date.now() + 60_000;
    while (!(await lensTitles(uri)).includes('in file: meshed via namespace decide-it-shop')) {
      if (Date.now() > deadline) assert.fail(`the Namespace was never indexed; lenses: ${(await lensTitles(uri)).join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows why Linkerd will not inject, and offers to remove a proxy written into the manifest', async () => {
    const titles = await lensTitles(uri);
    for (const title of [
      'in file: not meshable: Linkerd skips hostNetwork pods',
      'in file: not meshable: already in another mesh (istio-init)',
      'in file: Linkerd proxy written into the manifest (linkerd-proxy)',
      'Remove injected proxy',
      'in file: Linkerd control plane (identity)',
    ]) {
      assert.ok(titles.includes(title), `no "${title}" lens among ${titles.join(', ')}`);
    }
    // Both items of the List get their own lenses.
    assert.equal(titles.filter((t) => t === 'Add to mesh').length, 4, titles.join(', '));
  });

  it('Add All: adds, fixes and moves; respects opt-outs and the namespace; refuses, with reasons, what Linkerd refuses', async () => {
    await vscode.commands.executeCommand('meshaware.addAllToMesh', uri);
    assert.equal(document.getText(), AFTER_ADD_ALL);
    await logShows(services, 'Add to mesh: linkerd.io/inject added to 6 objects. Refused: daemonset/node-agent (hostNetwork is enabled');
    const log = meshawareLog(services);
    for (const line of [
      "deployment/reviews (it already runs another mesh's sidecar (container istio-init); a pod can be in only one mesh)",
      'deployment/manual (it already has a Linkerd proxy written into the manifest (container linkerd-proxy',
      "Left alone: deployment/opted-out (opted out with linkerd.io/inject: disabled); deployment/misplaced-opt-out (opted out with linkerd.io/inject: disabled on the Deployment's own metadata",
      'deployment/inherits unchanged: meshed through namespace decide-it-shop (linkerd.io/inject: enabled)',
      'warning: deployment/dns: declares 53/UDP: Linkerd injects the pod, but UDP bypasses the proxy',
      'deployment/linkerd-identity refused: it is Linkerd\'s own control-plane component \'identity\'',
    ]) {
      assert.ok(log.includes(line), `the log lacks: ${line}`);
    }
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), TEXT, 'Add All is one undo step');
  });

  it('one object: Add on an opt-out overrides it; Remove injected proxy takes the manual proxy out, then Add works', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const optedOut = document.positionAt(TEXT.indexOf('name: opted-out'));
    editor.selection = new vscode.Selection(optedOut, optedOut);
    await vscode.commands.executeCommand('meshaware.addToMesh');
    assert.ok(document.getText().includes(workload('Deployment', 'opted-out', '', annotated('enabled'))), 'the opt-out was not overridden');

    const remove = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).find((l) => l.command?.title === 'Remove injected proxy');
    assert.ok(remove?.command);
    await vscode.commands.executeCommand(remove.command.command, ...(remove.command.arguments ?? []));
    assert.ok(document.getText().includes(`---\n${workload('Deployment', 'manual')}---\n`), `the proxy was not removed:\n${document.getText()}`);

    const manual = document.positionAt(document.getText().indexOf('name: manual'));
    editor.selection = new vscode.Selection(manual, manual);
    await vscode.commands.executeCommand('meshaware.addToMesh');
    assert.ok(document.getText().includes(workload('Deployment', 'manual', '', MESH)));
  });

  it('Add to mesh named by document index (as the traffic panel calls it)', async () => {
    await vscode.commands.executeCommand('meshaware.addToMesh', uri, 0);
    assert.ok(document.getText().startsWith(workload('Deployment', 'plain', '', MESH)), document.getText().slice(0, 300));
  });

  it('one refused object: nothing changes and the reason is given', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const node = document.positionAt(TEXT.indexOf('name: node-agent'));
    editor.selection = new vscode.Selection(node, node);
    await vscode.commands.executeCommand('meshaware.addToMesh');
    assert.equal(document.getText(), TEXT);
    await logShows(services, "Add to mesh: daemonset/node-agent cannot be added to the mesh: hostNetwork is enabled: the pod uses the node's network");
  });

  it('Remove All keeps opt-outs, leaves namespace meshing alone and takes the manual proxy out', async () => {
    await vscode.commands.executeCommand('meshaware.addAllToMesh', uri);
    await vscode.commands.executeCommand('meshaware.removeAllFromMesh', uri);
    const expected = Object.values({ ...OBJECTS, misplaced: workload('StatefulSet', 'misplaced'), invalid: workload('Deployment', 'invalid'), manual: workload('Deployment', 'manual'), namespace: OBJECTS.namespace.replace('  annotations:\n    linkerd.io/inject: enabled\n', '') }).join('---\n');
    assert.equal(document.getText(), expected);
  });
});
