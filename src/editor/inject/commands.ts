import * as vscode from 'vscode';
import {
  findInjectionTargets,
  INJECT_ANNOTATION,
  InjectionEditError,
  planInjectionEdit,
  targetLabel,
  type InjectionAction,
  type InjectionTarget,
} from '../../core/inject';
import type { OffsetEdit } from '../../core/text/types';
import type { ParsedManifest } from '../../core/yaml/manifest';
import type { ExtensionServices } from '../context';
import { toTextEdits } from '../convert';
import type { WorkspaceIndex } from '../workspaceIndex';
import { INJECT_COMMANDS } from './commandIds';
import { namespaceLookup } from './namespaceLookup';
import { offerRolloutAfterMeshChange } from '../cluster/restartCommand';

/** One object's planned change, or why it is left alone (with, perhaps, the change that would do instead). */
type Plan = { readonly action: InjectionAction } | { readonly skip: string; readonly offer?: { readonly title: string; readonly action: InjectionAction } };

/** A file's objects and the way to change them, as one undoable edit per command. */
interface Subject {
  readonly document: vscode.TextDocument;
  readonly parsed: ParsedManifest;
  readonly targets: InjectionTarget[];
}

/**
 * Add to mesh / Remove from mesh for the object under the cursor (or the one a lens or menu names), the same for
 * every workload of the file, and the lenses' internal command. Each run is a single WorkspaceEdit: one undo step.
 */
export function registerInjectCommands(services: ExtensionServices, index: WorkspaceIndex): vscode.Disposable {
  const namespaces = namespaceLookup(index);
  const subjectOf = async (uri: vscode.Uri | undefined): Promise<Subject> => {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) throw new UserError('Open a Kubernetes YAML file first.');
    const parsed = services.manifests.get(document);
    if (parsed.templated) throw new UserError(`${vscode.workspace.asRelativePath(document.uri)} is a template (Helm or similar); add ${INJECT_ANNOTATION} to the values or templates it is rendered from.`);
    return { document, parsed, targets: findInjectionTargets(parsed, namespaces) };
  };

  const one = (plan: (t: InjectionTarget) => Plan) => async (uri?: vscode.Uri, documentIndex?: number) => {
    await run(services, async () => {
      const subject = await subjectOf(uri);
      const target = targetAt(subject, documentIndex);
      const p = plan(target);
      if ('action' in p) return applyPlans(services, subject, [[target, p.action]]);
      // Not awaited: a command must not hang until the user dismisses a notification.
      void vscode.window.showInformationMessage(p.skip, ...(p.offer ? [p.offer.title] : [])).then(async (choice) => {
        if (p.offer && choice === p.offer.title) await vscode.commands.executeCommand(INJECT_COMMANDS.apply, subject.document.uri, target.document.index, p.offer.action);
      });
    });
  };

  const all = (plan: (t: InjectionTarget) => Plan, nothing: string) => async (uri?: vscode.Uri) => {
    await run(services, async () => {
      const subject = await subjectOf(uri);
      const planned: [InjectionTarget, InjectionAction][] = [];
      const workloads = subject.targets.filter((x) => x.role !== 'namespace');
      if (workloads.length === 0) throw new UserError(`${vscode.workspace.asRelativePath(subject.document.uri)} has no workloads or Pods (documents with YAML errors are skipped).`);
      for (const t of workloads) {
        const p = plan(t);
        if ('action' in p) planned.push([t, p.action]);
      }
      if (planned.length === 0) return void vscode.window.showInformationMessage(nothing);
      await applyPlans(services, subject, planned);
    });
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(INJECT_COMMANDS.add, one(addPlan)),
    vscode.commands.registerCommand(INJECT_COMMANDS.remove, one(removePlan)),
    vscode.commands.registerCommand(INJECT_COMMANDS.addAll, all(addPlan, 'Every workload in this file is already in the mesh (or cannot be meshed).')),
    vscode.commands.registerCommand(INJECT_COMMANDS.removeAll, all(removePlan, `No workload in this file has a ${INJECT_ANNOTATION} annotation that meshes it.`)),
    vscode.commands.registerCommand(INJECT_COMMANDS.apply, async (uri: vscode.Uri, documentIndex: number, action: InjectionAction) => {
      await run(services, async () => {
        const subject = await subjectOf(uri);
        await applyPlans(services, subject, [[targetAt(subject, documentIndex), action]]);
      });
    }),
  );
}

function addPlan(t: InjectionTarget): Plan {
  const label = targetLabel(t);
  switch (t.state.kind) {
    case 'meshed':
      return { skip: `${label} is already in the mesh.` };
    case 'meshedViaNamespace':
      return { skip: `${label} is already in the mesh through namespace ${t.state.namespace}.` };
    case 'hostNetwork':
      return { skip: `${label} cannot be meshed: Linkerd skips pods with hostNetwork: true. Remove hostNetwork to mesh it.` };
    case 'misplaced':
      // A misplaced enabled/ingress is what the user meant: moving it makes it count.
      return t.state.value === 'enabled' || t.state.value === 'ingress' ? { action: { kind: 'moveToTemplate' } } : { action: { kind: 'add', value: 'enabled' } };
    case 'unmeshed':
    case 'disabled':
    case 'invalid':
      return { action: { kind: 'add', value: 'enabled' } };
  }
}

function removePlan(t: InjectionTarget): Plan {
  switch (t.state.kind) {
    case 'meshed':
    case 'invalid':
    case 'misplaced':
      return { action: { kind: 'remove' } };
    case 'meshedViaNamespace':
      // Removing nothing would not take it out of the mesh: offer the opt-out instead.
      return {
        skip: `${targetLabel(t)} has no ${INJECT_ANNOTATION} of its own; it is meshed because namespace ${t.state.namespace} is. Opt out to set ${INJECT_ANNOTATION}: disabled on it.`,
        offer: { title: 'Opt Out', action: { kind: 'set', value: 'disabled' } },
      };
    case 'unmeshed':
    case 'disabled':
    case 'hostNetwork':
      return { skip: `${targetLabel(t)} is not in the mesh.` };
  }
}

/** The object a lens names by document index, or the one under the cursor. */
function targetAt({ document, parsed, targets }: Subject, documentIndex: number | undefined): InjectionTarget {
  let index = documentIndex;
  if (index === undefined) {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.uri.toString() === document.uri.toString()) {
      const offset = document.offsetAt(editor.selection.active);
      index = parsed.documents.filter((d) => d.doc.range[0] <= offset).at(-1)?.index;
    } else if (targets.length === 1) {
      index = targets[0].document.index;
    }
  }
  const target = targets.find((t) => t.document.index === index);
  if (target) return target;
  const broken = parsed.documents.find((d) => d.index === index && d.errors.length > 0);
  if (broken) throw new UserError(`This document has YAML syntax errors; fix them first (${broken.errors[0].message}).`);
  throw new UserError('Put the cursor in a Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod or Namespace (or use its code lens).');
}

/** Plans every change on the same parse and applies them as one WorkspaceEdit; objects that cannot change are reported. */
async function applyPlans(services: ExtensionServices, { document, parsed }: Subject, planned: readonly [InjectionTarget, InjectionAction][]): Promise<void> {
  const edits: OffsetEdit[] = [];
  const failures: InjectionEditError[] = [];
  for (const [target, action] of planned) {
    try {
      edits.push(...planInjectionEdit(parsed, target, action));
    } catch (e) {
      if (!(e instanceof InjectionEditError) || planned.length === 1) throw e;
      failures.push(e);
    }
  }
  if (edits.length) {
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, toTextEdits(parsed.lines, edits));
    if (!(await vscode.workspace.applyEdit(edit))) throw new UserError(`${vscode.workspace.asRelativePath(document.uri)} changed while the edit was prepared; try again.`);
    const changed = planned.length - failures.length;
    services.log.info(`${INJECT_ANNOTATION}: changed ${changed} object(s) in ${vscode.workspace.asRelativePath(document.uri)}`);
    vscode.window.setStatusBarMessage(`$(check) ${INJECT_ANNOTATION} updated on ${changed} object(s); running pods change when they are re-created`, 5000);
    for (const [target, action] of planned) {
      if (target.role === 'workload' && target.name && meshes(action)) {
        void offerRolloutAfterMeshChange(services, services.cluster, { kind: target.kind, name: target.name, namespace: target.namespace }, document.uri, target.document.index);
      }
    }
  }
  if (failures.length) {
    for (const f of failures) services.log.warn(f.message);
    void vscode.window.showWarningMessage(`${failures.length} object(s) were left unchanged: ${failures.map((f) => f.message).join('; ')}`);
  }
}

/** Whether an action puts a workload into the mesh (so its running pods need replacing). */
function meshes(action: InjectionAction): boolean {
  return action.kind === 'add' || action.kind === 'moveToTemplate' || (action.kind === 'set' && action.value !== 'disabled');
}

/** A problem the user can fix, shown as is. */
class UserError extends Error {}

/** Runs a command body, turning failures into messages that say what to do. Messages are not awaited. */
async function run(services: ExtensionServices, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof InjectionEditError || e instanceof UserError) {
      services.log.warn(e.message);
      void vscode.window.showWarningMessage(e.message);
      return;
    }
    services.log.error(`Changing ${INJECT_ANNOTATION} failed: ${(e as Error).stack ?? e}`);
    void vscode.window.showErrorMessage(`Changing ${INJECT_ANNOTATION} failed: ${(e as Error).message}. The log has the details.`, 'Show Log').then((choice) => {
      if (choice === 'Show Log') services.log.show(true);
    });
  }
}
