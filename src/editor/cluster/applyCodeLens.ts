import * as vscode from 'vscode';
import { findInjectionTargets } from '../../core/inject';
import { meshStatus } from '../../core/inject/status';
import { isKubernetesObject } from '../../core/yaml/manifest';
import type { ExtensionServices } from '../context';
import { offsetsToRange } from '../convert';
import type { ClusterService } from './clusterService';
import { COMMANDS } from '../commandIds';

const SETTING = 'meshaware.cluster.applyCodeLens';
/** Codicons in a lens touch the text after a normal space; an en space keeps them apart. */
const ICON_GAP = '\u2002';

/**
 * "Apply to <context>" above each Kubernetes object, once a context exists (setting meshaware.cluster.applyCodeLens),
 * unless the object's mesh lens already offers Apply because the cluster differs from the file.
 */
export function registerApplyCodeLens(services: ExtensionServices, cluster: ClusterService): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!vscode.workspace.getConfiguration().get<boolean>(SETTING, true) || !cluster.state.context) return [];
      const parsed = services.manifests.get(document);
      const view = services.live.view;
      const offered = new Set(
        findInjectionTargets(parsed)
          .filter((t) => meshStatus(t, view).actions.some((a) => a.kind === 'apply'))
          .map((t) => t.document.index),
      );
      return parsed.documents
        .filter((d) => isKubernetesObject(d) && d.errors.length === 0 && d.name && !offered.has(d.index))
        .map(
          (d) =>
            new vscode.CodeLens(offsetsToRange(parsed.lines, d.start, d.start), {
              title: `$(cloud-upload)${ICON_GAP}Apply to ${cluster.state.context?.name}`,
              tooltip: 'Server dry run and diff, then server-side apply of this object to the current context',
              command: COMMANDS.applyDocument,
              arguments: [document.uri, d.index],
            }),
        );
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'yaml' }, provider),
    cluster.onDidChange(() => changed.fire()),
    services.live.onDidChange(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTING) && changed.fire()),
  );
}
