import * as vscode from 'vscode';
import { findInjectionTargets, targetUnderCursor } from '../../core/inject';
import { meshStatus, type MeshActionKind } from '../../core/inject/status';
import type { ExtensionServices } from '../context';
import type { WorkspaceIndex } from '../workspaceIndex';
import { namespaceLookup } from './namespaceLookup';
import { MENU_KEYS } from '../commandIds';

/** Keeps the menu's context keys in step with the cursor, the file and the cluster; the core's status decides. */
export function registerMenuContext(services: ExtensionServices, index: WorkspaceIndex): vscode.Disposable {
  const namespaces = namespaceLookup(index);
  const current = new Map<string, boolean>();
  const set = (key: string, value: boolean) => {
    if (current.get(key) === value) return;
    current.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  let timer: NodeJS.Timeout | undefined;
  // At once for the cursor (a right-click moves it just before the menu opens), after a pause for typing.
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(update, 100);
  };
  const update = () => {
    clearTimeout(timer);
    const editor = vscode.window.activeTextEditor;
    const actions = new Set<MeshActionKind>();
    let role: string | undefined;
    if (editor?.document.languageId === 'yaml') {
      const parsed = services.manifests.get(editor.document);
      const target = targetUnderCursor(parsed, findInjectionTargets(parsed, namespaces), editor.document.offsetAt(editor.selection.active));
      if (target) {
        role = target.role;
        for (const a of meshStatus(target, services.live.view).actions) actions.add(a.kind);
      }
    }
    set(MENU_KEYS.add, actions.has('add'));
    set(MENU_KEYS.remove, actions.has('remove'));
    set(MENU_KEYS.restartWorkload, actions.has('restart') && role !== 'namespace');
    set(MENU_KEYS.restartNamespace, actions.has('restart') && role === 'namespace');
  };
  update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection(update),
    vscode.workspace.onDidChangeTextDocument(later),
    services.live.onDidChange(later),
    services.cluster.onDidChange(later),
    index.onDidChange(later),
    { dispose: () => clearTimeout(timer) },
  );
}
