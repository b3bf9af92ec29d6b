import * as vscode from 'vscode';
import { applyObjects, objectsOf, type ApplyOutcome } from '../../core/cluster/applyDocuments';
import { applyDialog, applyFollowUps, objectLabel, previewApply, type ApplyChoice, type ObjectPreview } from '../../core/cluster/applyPreview';
import type { KubeObject } from '../../core/cluster/client';
import { workloadsToRestart } from '../../core/cluster/liveMesh';
import { plural } from '../../core/text/plural';
import type { ExtensionServices } from '../context';
import { closeApplyDiffs, DIFF_SCHEME, showApplyDiff, type DiffDocuments } from './applyDiff';
import type { ClusterService } from './clusterService';
import { COMMANDS } from '../commandIds';
import { confirmClusterChange } from './confirmRemote';
import { reportError, withClusterProgress } from '../reportError';
import { activeManifest } from '../activeManifest';
import { documentAt } from '../../core/yaml/manifest';
import { restartNamespace } from './restartCommand';
import { followRollouts } from './rolloutProgress';

/** What applying a file would change for observed traffic (the policy impact preview), shown before Apply. */
export type ApplyNote = (uri: vscode.Uri) => string | undefined;

/**
 * Apply to cluster: the server-side diff first (a dry run of every object, as `kubectl diff --server-side`), a dialog
 * with the choices that exist for it, then server-side apply; afterwards the rollouts it started are followed and a
 * namespace whose annotation changed offers to restart its workloads.
 */
export function registerApplyCommands(services: ExtensionServices, cluster: ClusterService, note: ApplyNote = () => undefined): vscode.Disposable {
  const diffs: DiffDocuments = new Map();
  const applyFrom = async (uri: vscode.Uri | undefined, documentIndex: number | 'cursor' | 'all') => {
    const manifest = await activeManifest(services.manifests, uri);
    if (!manifest) {
      void vscode.window.showInformationMessage('Open a Kubernetes manifest to apply it.');
      return;
    }
    const { document, parsed } = manifest;
    let index: number | undefined;
    if (documentIndex === 'cursor') {
      index = documentAt(parsed, manifest.offset ?? 0)?.index;
    } else if (documentIndex !== 'all') {
      index = documentIndex;
    }
    let objects: KubeObject[];
    try {
      objects = objectsOf(parsed, index);
    } catch (e) {
      return reportError(services.log, 'Apply to cluster', e);
    }
    if (parsed.templated || objects.length === 0) {
      void vscode.window.showInformationMessage(parsed.templated ? 'This file is a template (Helm or Go template syntax): render it before applying.' : 'There is no Kubernetes object here to apply.');
      return;
    }
    await applyWithPreview(services, cluster, document, objects, diffs, note(document.uri));
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, { provideTextDocumentContent: (uri) => diffs.get(uri.toString()) ?? '' }),
    vscode.commands.registerCommand(COMMANDS.applyDocument, (uri?: vscode.Uri, index?: number) => applyFrom(uri, index ?? 'cursor')),
    vscode.commands.registerCommand(COMMANDS.applyFile, (uri?: vscode.Uri) => applyFrom(uri, 'all')),
  );
}


async function applyWithPreview(services: ExtensionServices, cluster: ClusterService, document: vscode.TextDocument, objects: KubeObject[], diffs: DiffDocuments, impact: string | undefined): Promise<void> {
  try {
    const client = await cluster.client();
    const context = client.contextName;
    const previews = await withClusterProgress(`Meshaware: server-side diff on ${context}`, (signal) => previewApply(client, objects, { signal }));
    const found = applyDialog(previews, context, document.isDirty);
    const dialog = impact ? { ...found, detail: `${impact}\n\n${found.detail}` } : found;
    services.log.info(`${dialog.message}\n${dialog.detail}`);
    const show = dialog.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
    let choice = pick(await show(dialog.message, { modal: true, detail: dialog.detail }, ...dialog.choices.map((c) => c.title)), dialog.choices);
    if (choice?.kind === 'showDiff') {
      await showApplyDiff(diffs, document, previews, context);
      // Not modal, so the diff stays readable while the user decides.
      const rest = dialog.choices.filter((c) => c.kind !== 'showDiff');
      choice = pick(await show(dialog.message, ...rest.map((c) => c.title)), rest);
    }
    if (!choice) return;
    if (choice.kind === 'saveAndApply' && !(await document.save())) {
      void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(document.uri)} could not be saved; nothing was applied.`);
      return;
    }
    if (!(await confirmClusterChange(cluster, 'Apply'))) return;
    const chosen = choice.kind === 'applyPassing' ? dialog.passing : previews;
    const done = await withClusterProgress(`Meshaware: applying to ${context}`, (signal) =>
      applyObjects(
        client,
        chosen.map((p) => p.object),
        { dryRun: false, force: choice.kind === 'forceApply' },
        { signal },
      ),
    );
    services.log.info(`Applied to ${context}:\n${summary(done)}`);
    await closeApplyDiffs(diffs);
    const bad = done.filter((o) => !o.ok);
    void services.live.refresh();
    void cluster.refresh();
    if (bad.length) {
      void vscode.window.showErrorMessage(`${bad.length} of ${plural(done.length, 'object')} failed to apply on "${context}".`, { modal: true, detail: summary(done) });
      return;
    }
    void vscode.window.showInformationMessage(`Applied ${plural(done.length, 'object')} to "${context}".`);
    await followUp(services, cluster, chosen, context);
  } catch (e) {
    await reportError(services.log, 'Apply to cluster', e);
  }
}

/** Follows the rollouts an apply started; then offers to restart the workloads of a namespace whose annotation changed. */
async function followUp(services: ExtensionServices, cluster: ClusterService, applied: readonly ObjectPreview[], context: string): Promise<void> {
  const { rollouts, namespaces } = applyFollowUps(applied);
  if (rollouts.length) await followRollouts(services, await cluster.client(), rollouts, `Meshaware: rolling out on ${context}`);
  const live = namespaces.length ? await services.live.refresh() : undefined;
  for (const namespace of namespaces) {
    const stale = live ? workloadsToRestart(live, namespace) : [];
    if (!stale.length) continue;
    const button = `Restart ${plural(stale.length, 'Workload')}`;
    const question = `Restart ${plural(stale.length, 'workload')} in ${namespace}? Their pods started before the namespace's change: ${stale.map((w) => objectLabel(w)).join(', ')}.`;
    if ((await vscode.window.showInformationMessage(question, button)) === button) await restartNamespace(services, cluster, namespace, true);
  }
}

function pick(title: string | undefined, choices: readonly ApplyChoice[]): ApplyChoice | undefined {
  return choices.find((c) => c.title === title);
}

function summary(outcomes: readonly ApplyOutcome[]): string {
  return outcomes.map((o) => `${o.ok ? '✓' : '✗'} ${o.kind.toLowerCase()}/${o.name}${o.namespace ? ` (${o.namespace})` : ''}: ${o.message}`).join('\n');
}
