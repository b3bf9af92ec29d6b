import * as vscode from 'vscode';
import { applyObjects, objectsOf, type ApplyOutcome } from '../../core/cluster/applyDocuments';
import type { KubeObject } from '../../core/cluster/client';
import type { ExtensionServices } from '../context';
import type { ClusterService } from './clusterService';
import { COMMANDS } from './commandIds';
import { confirmClusterChange } from './confirmRemote';
import { reportClusterError, withClusterProgress } from './errorReporting';

/** What applying a file would change for observed traffic (the policy impact preview), shown before Apply. */
export type ApplyNote = (uri: vscode.Uri) => string | undefined;

/** Apply to cluster: a server-side dry run first, its result shown, then server-side apply on confirmation. */
export function registerApplyCommands(services: ExtensionServices, cluster: ClusterService, note: ApplyNote = () => undefined): vscode.Disposable {
  const applyFrom = async (uri: vscode.Uri | undefined, documentIndex: number | 'cursor' | 'all') => {
    const editor = vscode.window.activeTextEditor;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!document) {
      await vscode.window.showInformationMessage('Open a Kubernetes manifest to apply it.');
      return;
    }
    const parsed = services.manifests.get(document);
    let index: number | undefined;
    if (documentIndex === 'cursor') {
      const offset = editor && editor.document === document ? document.offsetAt(editor.selection.active) : 0;
      index = parsed.documents.find((d) => offset >= d.doc.range[0] && offset <= d.doc.range[2])?.index;
    } else if (documentIndex !== 'all') {
      index = documentIndex;
    }
    let objects: KubeObject[];
    try {
      objects = objectsOf(parsed, index);
    } catch (e) {
      return reportClusterError(services.log, 'Apply to cluster', e);
    }
    if (parsed.templated || objects.length === 0) {
      await vscode.window.showInformationMessage(parsed.templated ? 'This file is a template (Helm or Go template syntax): render it before applying.' : 'There is no Kubernetes object here to apply.');
      return;
    }
    await applyWithDryRun(services, cluster, objects, note(document.uri));
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.applyDocument, (uri?: vscode.Uri, index?: number) => applyFrom(uri, index ?? 'cursor')),
    vscode.commands.registerCommand(COMMANDS.applyFile, (uri?: vscode.Uri) => applyFrom(uri, 'all')),
  );
}

async function applyWithDryRun(services: ExtensionServices, cluster: ClusterService, objects: KubeObject[], impact: string | undefined): Promise<void> {
  try {
    const client = await cluster.client();
    const dry = await withClusterProgress(`Meshaware: server dry run on ${client.contextName}`, (signal) => applyObjects(client, objects, { dryRun: true }, { signal }));
    const failed = dry.filter((o) => !o.ok);
    if (failed.length) {
      services.log.warn(`Dry run on ${client.contextName}:\n${summary(dry)}`);
      await vscode.window.showErrorMessage(`The API server would reject ${failed.length} of ${dry.length} object(s) on "${client.contextName}".`, { modal: true, detail: summary(dry) });
      return;
    }
    const go = await vscode.window.showInformationMessage(
      `Apply ${dry.length} object(s) to "${client.contextName}"?`,
      { modal: true, detail: `${impact ? `${impact}\n\n` : ''}Server dry run passed (admission webhooks included):\n${summary(dry)}\n\nChanges are made with server-side apply, field manager "meshaware".` },
      'Apply',
    );
    if (go !== 'Apply' || !(await confirmClusterChange(cluster, 'Apply'))) return;
    const done = await withClusterProgress(`Meshaware: applying to ${client.contextName}`, (signal) => applyObjects(client, objects, { dryRun: false }, { signal }));
    services.log.info(`Applied to ${client.contextName}:\n${summary(done)}`);
    const bad = done.filter((o) => !o.ok);
    if (bad.length) await vscode.window.showErrorMessage(`${bad.length} object(s) failed to apply on "${client.contextName}".`, { modal: true, detail: summary(done) });
    else void vscode.window.showInformationMessage(`Applied ${done.length} object(s) to "${client.contextName}".`);
    void cluster.refresh();
  } catch (e) {
    await reportClusterError(services.log, 'Apply to cluster', e);
  }
}

function summary(outcomes: readonly ApplyOutcome[]): string {
  return outcomes.map((o) => `${o.ok ? '✓' : '✗'} ${o.kind.toLowerCase()}/${o.name}${o.namespace ? ` (${o.namespace})` : ''}: ${o.message}`).join('\n');
}
