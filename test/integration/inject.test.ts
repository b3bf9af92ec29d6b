import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { meshawareExtension } from '../harness/inExtensionHost';

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: plain
spec:
  template:
    metadata:
      labels:
        app: plain
    spec:
      containers:
        - name: app
          image: app
---
apiVersion: v1
kind: Pod
metadata:
  name: meshed
  annotations:
    linkerd.io/inject: enabled
spec:
  containers:
    - name: app
      image: app
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: wrong-value
spec:
  template:
    metadata:
      annotations:
        linkerd.io/inject: "true"
    spec:
      containers:
        - name: app
          image: app
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: misplaced
  annotations:
    linkerd.io/inject: enabled
spec:
  template:
    spec:
      containers:
        - name: app
          image: app
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: agent
---
apiVersion: batch/v1
kind: Job
metadata:
  name: off
spec:
  template:
    metadata:
      annotations:
        linkerd.io/inject: disabled
    spec:
      containers:
        - name: job
          image: job
`;

const NAMESPACED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: inherits
  namespace: inject-it-apps
spec:
  template:
    spec:
      containers:
        - name: app
          image: app
`;

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: inject-it-apps
  annotations:
    linkerd.io/inject: enabled
`;

const UNMESHED_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: inject-it-empty
`;

const OUR_TITLES = /[Mm]esh|Opt out|Enable|Fix|linkerd\.io\/inject|pod template/;

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  // The lens command works on documents the workbench has loaded.
  await vscode.workspace.openTextDocument(uri);
  const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return all.filter((l) => l.command && OUR_TITLES.test(l.command.title));
}

/** Our lens titles, grouped by the line they sit on. */
async function titlesByLine(uri: vscode.Uri): Promise<Map<number, string[]>> {
  const byLine = new Map<number, string[]>();
  for (const l of await lenses(uri)) byLine.set(l.range.start.line, [...(byLine.get(l.range.start.line) ?? []), l.command!.title]);
  return byLine;
}

async function lensTitled(uri: vscode.Uri, title: string, line?: number): Promise<vscode.CodeLens> {
  const found = (await lenses(uri)).find((l) => l.command?.title === title && (line === undefined || l.range.start.line === line));
  assert.ok(found, `no "${title}" lens${line === undefined ? '' : ` on line ${line + 1}`}`);
  return found;
}

async function runLens(lens: vscode.CodeLens): Promise<void> {
  assert.ok(lens.command?.command, `"${lens.command?.title}" has no command`);
  await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
}

/** The 0-based line of the first key of the object with this name: its lenses sit above it, not inside it. */
function headLine(text: string, name: string): number {
  const lines = text.split('\n');
  const nameLine = lines.findIndex((l) => l.trim() === `name: ${name}`);
  for (let i = nameLine; i >= 0; i--) if (lines[i].startsWith('apiVersion:')) return i;
  throw new Error(`no object named ${name}`);
}

async function undoTo(document: vscode.TextDocument, expected: string): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('undo');
  assert.equal(document.getText(), expected, 'one undo did not restore the file');
}

describe('Add to mesh (code lenses and commands)', () => {
  const dir = join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'inject-it');
  const file = (name: string) => vscode.Uri.file(join(dir, name));
  let workloads: vscode.TextDocument;

  before(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'workloads.yaml'), WORKLOADS);
    writeFileSync(join(dir, 'namespaced.yaml'), NAMESPACED);
    writeFileSync(join(dir, 'namespace.yaml'), NAMESPACE);
    writeFileSync(join(dir, 'empty-namespace.yaml'), UNMESHED_NAMESPACE);
    await meshawareExtension().activate();
    workloads = await vscode.workspace.openTextDocument(file('workloads.yaml'));
    await vscode.window.showTextDocument(workloads);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    // Each test starts from the file as written; reverting drops unsaved edits of the active editor.
    await vscode.window.showTextDocument(workloads);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows each object its mesh state with exactly the documented titles', async () => {
    const byLine = await titlesByLine(workloads.uri);
    assert.deepEqual(byLine.get(headLine(WORKLOADS, 'plain')), ['in file: not meshed', 'Add to mesh']);
    assert.deepEqual(byLine.get(headLine(WORKLOADS, 'meshed')), ['in file: meshed', 'Remove from mesh']);
    assert.deepEqual(byLine.get(headLine(WORKLOADS, 'wrong-value')), ["in file: invalid linkerd.io/inject value 'true'", 'Fix']);
    assert.deepEqual(byLine.get(headLine(WORKLOADS, 'misplaced')), ["in file: linkerd.io/inject on the StatefulSet's metadata has no effect", 'Move to pod template']);
    assert.deepEqual(byLine.get(headLine(WORKLOADS, 'node-agent')), ['in file: not meshable: Linkerd skips hostNetwork pods']);
    assert.deepEqual(byLine.get(headLine(WORKLOADS, 'off')), ['in file: mesh disabled', 'Enable']);
    const info = await lensTitled(workloads.uri, 'in file: meshed');
    assert.equal(info.command?.command, '', 'an informational lens must not run anything');
    assert.deepEqual([...(await titlesByLine(file('empty-namespace.yaml'))).values()], [['in file: not meshed', 'Add namespace to mesh']]);
    assert.deepEqual([...(await titlesByLine(file('namespace.yaml'))).values()], [['in file: meshed', 'Remove from mesh']]);
  });

  it('knows a workload is meshed through its Namespace in another file', async function () {
    // The workspace index picks the new files up through its watcher, after asking the search service
    // whether files.exclude hides them; on a busy machine that search can take seconds.
    this.timeout(60_000);
    const uri = file('namespaced.yaml');
    let titles: string[] = [];
    await eventually(
      async () => (titles = [...(await titlesByLine(uri)).values()].flat()).includes('in file: meshed via namespace inject-it-apps'),
      () => `the Namespace in namespace.yaml was never seen; lenses: ${titles.join(', ')}`,
    );
    assert.deepEqual(titles, ['in file: meshed via namespace inject-it-apps', 'Opt out']);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await runLens(await lensTitled(uri, 'Opt out'));
    assertContains(document.getText(), '  template:\n    metadata:\n      annotations:\n        linkerd.io/inject: disabled\n    spec:\n');
    await undoTo(document, NAMESPACED);
  });

  it('adds a workload to the mesh from its lens, in one undo step', async () => {
    await runLens(await lensTitled(workloads.uri, 'Add to mesh', headLine(WORKLOADS, 'plain')));
    assertContains(workloads.getText(), 'name: plain\nspec:\n  template:\n    metadata:\n      annotations:\n        linkerd.io/inject: enabled\n      labels:\n        app: plain\n');
    // The edit is not saved yet, and the lens says so.
    assert.deepEqual((await titlesByLine(workloads.uri)).get(headLine(WORKLOADS, 'plain')), ['in file (unsaved): meshed', 'Remove from mesh']);
    await undoTo(workloads, WORKLOADS);
  });

  it('removes the object under the cursor from the mesh', async () => {
    const editor = await vscode.window.showTextDocument(workloads);
    const line = headLine(WORKLOADS, 'meshed') + 4;
    editor.selection = new vscode.Selection(line, 0, line, 0);
    await vscode.commands.executeCommand('meshaware.removeFromMesh');
    assert.equal(workloads.getText(), WORKLOADS.replace('  name: meshed\n  annotations:\n    linkerd.io/inject: enabled\n', '  name: meshed\n'));
    await undoTo(workloads, WORKLOADS);
  });

  it('fixes an invalid value, enables a disabled one and moves a misplaced one', async () => {
    await runLens(await lensTitled(workloads.uri, 'Fix'));
    assertContains(workloads.getText(), '        linkerd.io/inject: "enabled"\n');
    await runLens(await lensTitled(workloads.uri, 'Enable'));
    assert.ok(!workloads.getText().includes('linkerd.io/inject: disabled'), 'Enable left the Job disabled');
    await runLens(await lensTitled(workloads.uri, 'Move to pod template'));
    assertContains(workloads.getText(), 'name: misplaced\nspec:\n  template:\n    metadata:\n      annotations:\n        linkerd.io/inject: enabled\n    spec:\n');
    await undoTo(workloads, WORKLOADS.replace('linkerd.io/inject: disabled', 'linkerd.io/inject: enabled').replace('linkerd.io/inject: "true"', 'linkerd.io/inject: "enabled"'));
  });

  it('adds and removes every workload of a file, each as one undo step, and leaves the opt-out alone', async () => {
    await vscode.commands.executeCommand('meshaware.addAllToMesh', workloads.uri);
    const added = workloads.getText();
    const byLine = await titlesByLine(workloads.uri);
    for (const name of ['plain', 'meshed', 'wrong-value', 'misplaced']) {
      assert.deepEqual(byLine.get(headLine(added, name)), ['in file (unsaved): meshed', 'Remove from mesh'], name);
    }
    assert.deepEqual(byLine.get(headLine(added, 'node-agent')), ['in file (unsaved): not meshable: Linkerd skips hostNetwork pods']);
    assert.deepEqual(byLine.get(headLine(added, 'off')), ['in file (unsaved): mesh disabled', 'Enable']);
    await vscode.commands.executeCommand('meshaware.removeAllFromMesh', workloads.uri);
    assert.deepEqual(workloads.getText().match(/linkerd\.io\/inject: .*/g), ['linkerd.io/inject: disabled'], 'Remove all left an annotation other than the opt-out');
    await undoTo(workloads, added);
    await undoTo(workloads, WORKLOADS);
  });

  it('hides the lenses when meshaware.codeLens.enabled is off', async () => {
    const config = vscode.workspace.getConfiguration('meshaware');
    await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(await lenses(workloads.uri), []);
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.ok((await lenses(workloads.uri)).length > 0);
  });
});

function assertContains(text: string, expected: string): void {
  assert.ok(text.includes(expected), `expected the file to contain:\n${expected}\nbut it is:\n${text}`);
}

/** Polls an asynchronous condition (the lens provider) until it holds. */
async function eventually(condition: () => Promise<boolean>, message: () => string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Workspace index behind "meshed via namespace"', () => {
  const dir = join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'index-it');
  const file = (name: string) => vscode.Uri.file(join(dir, name));
  const namespace = (name: string, value: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  annotations:\n    linkerd.io/inject: ${value}\n`;
  const workload = (namespace: string) => NAMESPACED.replace('inject-it-apps', namespace);
  const titles = async (uri: vscode.Uri) => [...(await titlesByLine(uri)).values()].flat();
  const becomes = async (uri: vscode.Uri, expected: string[], when: string) => {
    let seen: string[] = [];
    await eventually(
      async () => JSON.stringify((seen = await titles(uri))) === JSON.stringify(expected),
      () => `${when}: ${vscode.workspace.asRelativePath(uri)} has lenses ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`,
    );
  };

  before(async function () {
    this.timeout(60_000);
    mkdirSync(join(dir, 'hidden'), { recursive: true });
    await meshawareExtension().activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows unsaved edits of a Namespace and the deletion of its file or folder', async function () {
    this.timeout(120_000);
    writeFileSync(join(dir, 'ns.yaml'), namespace('index-it-a', 'enabled'));
    writeFileSync(join(dir, 'app.yaml'), workload('index-it-a'));
    await becomes(file('app.yaml'), ['in file: meshed via namespace index-it-a', 'Opt out'], 'after creating the files');
    const ns = await vscode.workspace.openTextDocument(file('ns.yaml'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(ns.uri, new vscode.Range(ns.positionAt(ns.getText().indexOf('enabled')), ns.positionAt(ns.getText().length)), 'disabled\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await becomes(file('app.yaml'), ['in file: not meshed', 'Add to mesh'], 'after the unsaved edit');
    await vscode.window.showTextDocument(ns);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await becomes(file('app.yaml'), ['in file: meshed via namespace index-it-a', 'Opt out'], 'after reverting the edit');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    rmSync(join(dir, 'ns.yaml'));
    await becomes(file('app.yaml'), ['in file: not meshed', 'Add to mesh'], 'after deleting the Namespace');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'ns.yaml'), namespace('index-it-a', 'ingress'));
    await becomes(file('app.yaml'), ['in file: meshed via namespace index-it-a', 'Opt out'], 'after creating the Namespace in a folder');
    rmSync(join(dir, 'sub'), { recursive: true });
    await becomes(file('app.yaml'), ['in file: not meshed', 'Add to mesh'], 'after deleting the folder');
  });

  it('skips files over the size limit', async function () {
    this.timeout(120_000);
    // A generated bundle: the Namespace followed by 4.5 MB of ConfigMap data, over the one size limit (4 MiB,
    // meshaware.lint.maxFileSize) that the lint and the index share.
    const padding = `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bulk\ndata:\n  blob: "${'x'.repeat(4_500_000)}"\n`;
    writeFileSync(join(dir, 'big.yaml'), `${namespace('index-it-big', 'enabled')}${padding}`);
    writeFileSync(join(dir, 'big-apps.yaml'), `${workload('index-it-big')}---\n${workload('index-it-small')}`);
    writeFileSync(join(dir, 'small.yaml'), namespace('index-it-small', 'enabled'));
    const expected = ['in file: not meshed', 'Add to mesh', 'in file: meshed via namespace index-it-small', 'Opt out'];
    await becomes(file('big-apps.yaml'), expected, 'with one Namespace in a 4.5 MB file');
    // Reading and parsing the big file could take longer than the small one: give it time to show up wrongly.
    await new Promise((r) => setTimeout(r, 2000));
    assert.deepEqual(await titles(file('big-apps.yaml')), expected);
  });

  it('leaves out files hidden by files.exclude', async function () {
    this.timeout(120_000);
    await vscode.workspace.getConfiguration('files').update('exclude', { 'index-it/hidden/**': true }, vscode.ConfigurationTarget.Workspace);
    writeFileSync(join(dir, 'hidden', 'ns.yaml'), namespace('index-it-hidden', 'enabled'));
    writeFileSync(join(dir, 'apps.yaml'), `${workload('index-it-hidden')}---\n${workload('index-it-seen')}`);
    // Written after the hidden one, this Namespace shows when the watcher has handled both.
    writeFileSync(join(dir, 'seen.yaml'), namespace('index-it-seen', 'enabled'));
    await becomes(file('apps.yaml'), ['in file: not meshed', 'Add to mesh', 'in file: meshed via namespace index-it-seen', 'Opt out'], 'with the folder excluded');
    // Showing the folder again makes the index rescan and find the Namespace.
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await becomes(file('apps.yaml'), ['in file: meshed via namespace index-it-hidden', 'Opt out', 'in file: meshed via namespace index-it-seen', 'Opt out'], 'with the folder shown again');
  });
});
