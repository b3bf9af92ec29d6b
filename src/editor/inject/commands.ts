import * as vscode from 'vscode';
import {
  findInjectionTargets,
  INJECT_ANNOTATION,
  planInjectionEdit,
  planRequest,
  refOf,
  targetAt,
  targetByRef,
  type BatchPlan,
  type InjectionAction,
  type InjectionTarget,
  type MeshRequest,
  type Scope,
  type TargetRef,
} from '../../core/inject';
import type { OffsetEdit } from '../../core/text/types';
import type { ExtensionServices } from '../context';
import { toTextEdits } from '../convert';
import type { WorkspaceIndex } from '../workspaceIndex';
import { INJECT_COMMANDS } from '../commandIds';
import { namespaceLookup } from './namespaceLookup';
import { describePlan } from './planReport';
import { offerRolloutAfterMeshChange } from '../cluster/restartCommand';
import { activeManifest, type ActiveManifest } from '../activeManifest';
import { InputError } from '../../core/errors';
import { runCommand } from '../reportError';

/** A file's objects, as the commands see them. */
interface Subject extends ActiveManifest {
  readonly targets: InjectionTarget[];
}

const ADD: MeshRequest = { kind: 'add', value: 'enabled' };
const REMOVE: MeshRequest = { kind: 'remove' };

/**
 * Add to mesh / Remove from mesh for the object under the cursor (or the one a lens or menu names), the same for
 * every object of the file, and the lenses' internal command. What happens to each object is the core's decision
 * (the CLI's `meshaware inject` makes the same one); each run is a single WorkspaceEdit: one undo step.
 */
export function registerInjectCommands(services: ExtensionServices, index: WorkspaceIndex): vscode.Disposable {
  const namespaces = namespaceLookup(index);
  const subjectOf = async (uri: vscode.Uri | undefined): Promise<Subject> => {
    const manifest = await activeManifest(services.manifests, uri);
    if (!manifest) throw new InputError('Open a Kubernetes YAML file first.');
    const { document, parsed } = manifest;
    if (parsed.templated) throw new InputError(`${vscode.workspace.asRelativePath(document.uri)} is a template (Helm or similar); add ${INJECT_ANNOTATION} to the values or templates it is rendered from.`);
    return { ...manifest, targets: findInjectionTargets(parsed, namespaces) };
  };

  // `ref` names the object: a lens passes a TargetRef; other views (the traffic panel) a document index.
  const request = (mesh: MeshRequest, scope: Scope) => async (uri?: vscode.Uri, ref?: TargetRef | number) => {
    await runCommand(services.log, `Changing ${INJECT_ANNOTATION}`, async () => {
      const subject = await subjectOf(uri);
      const targets = scope === 'object' ? [targetOf(subject, typeof ref === 'number' ? { document: ref } : ref)] : subject.targets;
      if (!targets.length) throw new InputError(`${vscode.workspace.asRelativePath(subject.document.uri)} has no workloads, Pods or Namespaces (documents with YAML errors are skipped).`);
      const plan = planRequest(subject.parsed, targets, mesh, scope);
      await applyPlan(services, subject, plan, mesh);
    });
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(INJECT_COMMANDS.add, request(ADD, 'object')),
    vscode.commands.registerCommand(INJECT_COMMANDS.remove, request(REMOVE, 'object')),
    vscode.commands.registerCommand(INJECT_COMMANDS.addAll, request(ADD, 'file')),
    vscode.commands.registerCommand(INJECT_COMMANDS.removeAll, request(REMOVE, 'file')),
    vscode.commands.registerCommand(INJECT_COMMANDS.apply, async (uri: vscode.Uri, ref: TargetRef, action: InjectionAction) => {
      await runCommand(services.log, `Changing ${INJECT_ANNOTATION}`, async () => {
        const subject = await subjectOf(uri);
        const target = targetOf(subject, ref);
        await applyEdits(subject, planInjectionEdit(subject.parsed, target, action));
        if (target.role === 'workload' && target.name && meshes(action)) void offerRollout(services, subject, target);
      });
    }),
  );
}

/** The object a lens names, or the one under the cursor. */
function targetOf({ offset, current, targets }: Subject, ref: TargetRef | undefined): InjectionTarget {
  let target = ref && targetByRef(targets, ref);
  if (!ref) {
    if (offset !== undefined) {
      const index = current?.index;
      const broken = current?.errors.length ? current : undefined;
      // A parser message can quote a whole line of a binary file: the notification keeps its start.
      if (broken) throw new InputError(`This document has YAML syntax errors; fix them first (${broken.errors[0].message.slice(0, 200)}).`);
      target = targetAt(
        targets.filter((t) => t.document.index === index),
        offset,
      );
    } else if (targets.length === 1) {
      target = targets[0];
    }
  }
  if (target) return target;
  throw new InputError('Put the cursor in a Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod or Namespace (or use its code lens).');
}

/** Applies a plan's edits as one WorkspaceEdit and says what happened to each object, with any offer as a button. */
async function applyPlan(services: ExtensionServices, subject: Subject, plan: BatchPlan, mesh: MeshRequest): Promise<void> {
  const report = describePlan(plan, mesh, (offset) => subject.document.positionAt(offset).line + 1);
  const file = vscode.workspace.asRelativePath(subject.document.uri);
  for (const line of report.log) services.log.info(`${file}:${line}`);
  if (report.message) services.log.info(`${mesh.kind === 'add' ? 'Add to mesh' : 'Remove from mesh'}: ${report.message}`);
  if (plan.edits.length) {
    await applyEdits(subject, plan.edits);
    for (const o of plan.outcomes) {
      if (o.decision.kind === 'change' && !o.failure && mesh.kind === 'add' && o.target.role === 'workload' && o.target.name) void offerRollout(services, subject, o.target);
    }
  }
  if (!report.message) return;
  const offered = report.offer;
  const show = report.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  // Not awaited: a command must not hang until the user dismisses a notification.
  void show(report.message, ...(offered ? [offered.offer.title] : [])).then(async (choice) => {
    if (offered && choice === offered.offer.title) await vscode.commands.executeCommand(INJECT_COMMANDS.apply, subject.document.uri, refOf(offered.target), offered.offer.action);
  });
}

async function applyEdits({ document, parsed }: Subject, edits: readonly OffsetEdit[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, toTextEdits(parsed.lines, edits));
  if (!(await vscode.workspace.applyEdit(edit))) throw new InputError(`${vscode.workspace.asRelativePath(document.uri)} changed while the edit was prepared; try again.`);
  vscode.window.setStatusBarMessage(`$(check) ${INJECT_ANNOTATION} updated; running pods change when they are re-created`, 5000);
}

function offerRollout(services: ExtensionServices, subject: Subject, target: InjectionTarget): Promise<void> {
  return offerRolloutAfterMeshChange(services, services.cluster, { kind: target.kind, name: target.name!, namespace: target.namespace }, subject.document.uri, target.document.index);
}

/** Whether an action puts a workload into the mesh (so its running pods need replacing). */
function meshes(action: InjectionAction): boolean {
  return action.kind === 'add' || action.kind === 'moveToTemplate' || (action.kind === 'set' && action.value !== 'disabled');
}
