import * as vscode from 'vscode';
import { findAnnotation, suggestValue } from '../../core/annotations/catalog';
import { blockerReason, findInjectionTargets, INJECT_ANNOTATION, refOf, type Blocker, type InjectionAction, type InjectionTarget } from '../../core/inject';
import type { ExtensionServices } from '../context';
import { offsetsToRange } from '../convert';
import type { WorkspaceIndex } from '../workspaceIndex';
import { INJECT_COMMANDS } from '../commandIds';
import { namespaceLookup } from './namespaceLookup';

const SETTING = 'meshaware.codeLens.enabled';

/** The mesh state of each workload, Pod and Namespace above its `kind:`, with the action that changes it. */
export function registerInjectCodeLens(services: ExtensionServices, index: WorkspaceIndex): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const namespaces = namespaceLookup(index);
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!vscode.workspace.getConfiguration().get<boolean>(SETTING, true)) return [];
      const parsed = services.manifests.get(document);
      return findInjectionTargets(parsed, namespaces).flatMap((target) => {
        const range = offsetsToRange(parsed.lines, target.anchorStart, target.anchorEnd);
        return lensCommands(document.uri, target).map((command) => new vscode.CodeLens(range, command));
      });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'yaml' }, provider),
    // A Namespace edited in another file can change what these lenses say.
    index.onDidChange(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTING) && changed.fire()),
  );
}

/** A lens that states a fact; VS Code shows a command with an empty id as plain text. */
function info(title: string, tooltip: string): vscode.Command {
  return { title, tooltip, command: '' };
}

function lensCommands(uri: vscode.Uri, target: InjectionTarget): vscode.Command[] {
  const at = [uri, refOf(target)];
  const apply = (title: string, tooltip: string, action: InjectionAction): vscode.Command => ({ title, tooltip, command: INJECT_COMMANDS.apply, arguments: [...at, action] });
  const add: vscode.Command = {
    title: target.role === 'namespace' ? 'Add namespace to mesh' : 'Add to mesh',
    tooltip: target.role === 'namespace' ? `Annotate the namespace with ${INJECT_ANNOTATION}: enabled, so its new pods get the Linkerd proxy` : `Annotate the pod template with ${INJECT_ANNOTATION}: enabled`,
    command: INJECT_COMMANDS.add,
    arguments: at,
  };
  const remove: vscode.Command = { title: 'Remove from mesh', tooltip: `Remove the ${INJECT_ANNOTATION} annotation`, command: INJECT_COMMANDS.remove, arguments: at };
  const { state } = target;
  switch (state.kind) {
    case 'unmeshed':
      return [add];
    case 'meshed':
      return [info('Meshed', `${INJECT_ANNOTATION}: ${state.value}; the proxy injector adds the Linkerd proxy to new pods`), remove];
    case 'meshedViaNamespace':
      return [
        info(`Meshed via namespace ${state.namespace}`, `Namespace ${state.namespace} is annotated ${INJECT_ANNOTATION}: ${state.value} in this workspace`),
        apply('Opt out', `Set ${INJECT_ANNOTATION}: disabled on this object`, { kind: 'set', value: 'disabled' }),
      ];
    case 'disabled':
      return [info('Mesh disabled', `${INJECT_ANNOTATION}: disabled`), apply('Enable', `Set ${INJECT_ANNOTATION}: enabled`, { kind: 'set', value: 'enabled' })];
    case 'invalid': {
      const fixed = invalidValueFix(state.value);
      return [
        info(`Invalid ${INJECT_ANNOTATION} value '${state.value}'`, 'The proxy injector accepts only enabled, disabled or ingress (exact, lower case) and skips this object'),
        apply('Fix', `Set ${INJECT_ANNOTATION}: ${fixed}`, { kind: 'set', value: fixed }),
      ];
    }
    case 'misplaced':
      return [
        info(`${INJECT_ANNOTATION} on the ${target.kind}'s metadata has no effect`, 'Linkerd reads the annotation from the pods, so it belongs in the pod template'),
        apply('Move to pod template', `Move the annotation to ${[...target.podMetadataHost, 'metadata', 'annotations'].join('.')}`, { kind: 'moveToTemplate' }),
      ];
    case 'blocked': {
      const [first] = state.blockers;
      const tooltip = `Linkerd will not inject these pods: ${state.blockers.map(blockerReason).join('; ')}`;
      const lenses = [info(blockedTitle(first), tooltip)];
      if (first.kind !== 'controlPlane' && state.blockers.some((b) => b.kind === 'manualProxy')) {
        lenses.push(apply('Remove injected proxy', 'Take the Linkerd proxy, its init container, volumes and linkerd.io/ metadata out of this manifest, as linkerd uninject does', { kind: 'uninject' }));
      }
      return lenses;
    }
  }
}

function blockedTitle(blocker: Blocker): string {
  switch (blocker.kind) {
    case 'hostNetwork':
      return 'Not meshable: Linkerd skips hostNetwork pods';
    case 'otherSidecar':
      return `Not meshable: already in another mesh (${blocker.container})`;
    case 'manualProxy':
      return `Linkerd proxy written into the manifest (${blocker.container})`;
    case 'controlPlane':
      return `Linkerd control plane (${blocker.component})`;
  }
}

/** What an invalid inject value most likely meant (`true` → enabled); enabled when the intent is unclear. */
function invalidValueFix(value: string): 'enabled' | 'disabled' | 'ingress' {
  const suggested = suggestValue(findAnnotation(INJECT_ANNOTATION)!, value);
  return suggested === 'disabled' || suggested === 'ingress' ? suggested : 'enabled';
}
