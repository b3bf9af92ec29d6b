import * as vscode from 'vscode';
import { findInjectionTargets, refOf, type InjectionTarget } from '../../core/inject';
import { meshStatus, type MeshAction } from '../../core/inject/status';
import type { ExtensionServices } from '../context';
import { offsetsToRange } from '../convert';
import type { WorkspaceIndex } from '../workspaceIndex';
import { COMMANDS as CLUSTER_COMMANDS, INJECT_COMMANDS } from '../commandIds';
import { namespaceLookup } from './namespaceLookup';

const SETTING = 'meshaware.codeLens.enabled';

/**
 * Above each workload, Pod and Namespace: its mesh state in the file and, with a context connected, in the cluster
 * ("in file: meshed · in kind-dev: 0/1 pods meshed"), then the actions the core offers for it.
 */
export function registerInjectCodeLens(services: ExtensionServices, index: WorkspaceIndex): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const namespaces = namespaceLookup(index);
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!vscode.workspace.getConfiguration().get<boolean>(SETTING, true)) return [];
      const parsed = services.manifests.get(document);
      const cluster = services.live.view;
      return findInjectionTargets(parsed, namespaces).flatMap((target) => {
        const range = offsetsToRange(parsed.lines, target.headStart, target.headStart);
        const status = meshStatus(target, cluster, document.isDirty);
        const info: vscode.Command = { title: status.title, tooltip: status.tooltip, command: '' };
        return [info, ...status.actions.map((a) => lensCommand(document.uri, target, a))].map((command) => new vscode.CodeLens(range, command));
      });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'yaml' }, provider),
    // A Namespace edited in another file can change what these lenses say; so can the cluster.
    index.onDidChange(() => changed.fire()),
    services.live.onDidChange(() => changed.fire()),
    services.cluster.onDidChange(() => changed.fire()),
    // "(unsaved)" follows the dirty state: saving, and changes of it without an edit (an empty change event).
    vscode.workspace.onDidSaveTextDocument(() => changed.fire()),
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length === 0 && e.document.languageId === 'yaml' && changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTING) && changed.fire()),
  );
}

/** The command behind one action of the core's status. */
export function lensCommand(uri: vscode.Uri, target: InjectionTarget, a: MeshAction): vscode.Command {
  const ref = refOf(target);
  const base = { title: a.title, tooltip: a.tooltip };
  switch (a.kind) {
    case 'add':
      return { ...base, command: INJECT_COMMANDS.add, arguments: [uri, ref] };
    case 'remove':
      return { ...base, command: INJECT_COMMANDS.remove, arguments: [uri, ref] };
    case 'edit':
      return { ...base, command: INJECT_COMMANDS.apply, arguments: [uri, ref, a.edit] };
    case 'apply':
      return { ...base, command: CLUSTER_COMMANDS.applyDocument, arguments: [uri, target.document.index] };
    case 'restart':
      return target.role === 'namespace'
        ? { ...base, command: CLUSTER_COMMANDS.restartNamespace, arguments: [target.name] }
        : { ...base, command: CLUSTER_COMMANDS.restartWorkload, arguments: [{ kind: target.kind, name: target.name, namespace: target.namespace ?? 'default' }] };
  }
}
