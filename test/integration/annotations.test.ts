import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { meshawareExtension } from '../harness/inExtensionHost';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    linkerd.io/inject: enabled
spec:
  template:
    metadata:
      annotations:
        linkerd.io/inject: ingress
        config.linkerd.io/proxy-cpu-request: 100m
        config.linkerd.io/proxy-cpu-requests: 100m
        
    spec:
      containers:
        - name: web
          image: web
`;

const HELM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  template:
    metadata:
      annotations:
        
    spec:
      containers:
        - name: web
          image: web
`;

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position));
}

/** The position of the first occurrence of `text` in the document, moved `offset` characters in. */
function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `"${text}" is not in the document`);
  return document.positionAt(at + offset);
}

describe('Linkerd annotation completion and hover', () => {
  const dir = join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'annotations-it');
  let deployment: vscode.TextDocument;
  let helm: vscode.TextDocument;
  /** The empty, indented line left for a new annotation in the pod template. */
  let blankLine: vscode.Position;

  before(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'web.yaml'), DEPLOYMENT);
    writeFileSync(join(dir, 'chart.yaml'), HELM);
    await meshawareExtension().activate();
    deployment = await vscode.workspace.openTextDocument(vscode.Uri.file(join(dir, 'web.yaml')));
    helm = await vscode.workspace.openTextDocument(vscode.Uri.file(join(dir, 'chart.yaml')));
    blankLine = new vscode.Position(DEPLOYMENT.split('\n').indexOf('        '), 8);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('offers the keys not yet written in a pod template, with a value snippet', async () => {
    const items = await completions(deployment.uri, blankLine);
    const labels = items.map(label);
    assert.ok(labels.includes('config.linkerd.io/proxy-memory-limit'), 'proxy-memory-limit is missing');
    assert.ok(labels.includes('config.alpha.linkerd.io/proxy-wait-before-exit-seconds'));
    assert.ok(!labels.includes('linkerd.io/inject'), 'offers a key the block already has');
    assert.ok(!labels.includes('config.linkerd.io/proxy-cpu-request'), 'offers a key the block already has');
    const port = items.find((i) => label(i) === 'config.linkerd.io/admin-port');
    assert.ok(port?.insertText instanceof vscode.SnippetString);
    // Kubernetes rejects a bare number as an annotation value, so the example is quoted.
    assert.equal(port.insertText.value, 'config.linkerd.io/admin-port: ${1:"4191"}');
    const format = items.find((i) => label(i) === 'config.linkerd.io/proxy-log-format');
    assert.equal((format?.insertText as vscode.SnippetString).value, 'config.linkerd.io/proxy-log-format: ${1|json,plain|}');
  });

  it('offers the exact values of an enumerated annotation', async () => {
    const items = await completions(deployment.uri, positionOf(deployment, 'ingress\n        config', 0));
    const values = items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).map(label);
    assert.deepEqual(values, ['enabled', 'disabled', 'ingress']);
  });

  it('offers nothing where Linkerd does not read annotations, nor in Helm templates', async () => {
    const workloadMetadata = await completions(deployment.uri, positionOf(deployment, 'linkerd.io/inject: enabled', 3));
    assert.ok(!workloadMetadata.map(label).some((l) => l.startsWith('config.linkerd.io/')), 'offered Linkerd keys on the Deployment itself');
    const template = await completions(helm.uri, new vscode.Position(HELM.split('\n').indexOf('        '), 8));
    assert.ok(!template.map(label).some((l) => l.startsWith('config.linkerd.io/')), 'offered Linkerd keys in a Helm template');
  });

  it('documents a key on hover: description, format, default, example', async () => {
    const text = await hoverAt(deployment.uri, positionOf(deployment, 'config.linkerd.io/proxy-cpu-request:', 20));
    assert.match(text, /config\.linkerd\.io\/proxy-cpu-request/);
    assert.match(text, /CPU request of the proxy container/);
    assert.match(text, /Format: Kubernetes resource quantity/);
    assert.match(text, /Default: not set/);
    assert.match(text, /Example: `100m`/);
  });

  it('explains a value on hover', async () => {
    const text = await hoverAt(deployment.uri, positionOf(deployment, 'ingress\n', 2));
    assert.match(text, /ingress mode/);
  });

  it('warns on hover that the annotation has no effect on the workload itself', async () => {
    const text = await hoverAt(deployment.uri, positionOf(deployment, 'linkerd.io/inject: enabled', 4));
    assert.match(text, /Linkerd does not read annotations on this object/);
  });

  it('flags an unknown key in a Linkerd namespace on hover', async () => {
    const text = await hoverAt(deployment.uri, positionOf(deployment, 'config.linkerd.io/proxy-cpu-requests', 20));
    assert.match(text, /not an annotation Linkerd's proxy injector reads/);
    assert.match(text, /Did you mean `config\.linkerd\.io\/proxy-cpu-request`\?/);
  });
});
