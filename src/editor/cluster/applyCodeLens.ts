import * as vscode from 'vscode';
import { isKubernetesObject } from '../../core/yaml/manifest';
import type { ExtensionServices } from '../context';
import { offsetsToRange } from '../convert';
import type { ClusterService } from './clusterService';
import { COMMANDS } from '../commandIds';

const SETTING = 'meshaware.cluster.applyCodeLens';

/** "Apply to cluster" above each Kubernetes object, once a context exists (setting meshaware.cluster.applyCodeLens). */
export function registerApplyCodeLens(services: ExtensionServices, cluster: ClusterService): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!vscode.workspace.getConfiguration().get<boolean>(SETTING, true) || !cluster.state.context) return [];
      const parsed = services.manifests.get(document);
      return parsed.documents
        .filter((d) => isKubernetesObject(d) && d.errors.length === 0 && d.name)
        .map(
          (d) =>
            new vscode.CodeLens(offsetsToRange(parsed.lines, d.anchorStart, d.anchorEnd), {
              title: `$(cloud-upload) Apply to ${cluster.state.context?.name}`,
              tooltip: 'Server-side dry run, then server-side apply of this object to the current context',
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
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTING) && changed.fire()),
  );
}
