import * as vscode from 'vscode';
import {
  findInjectionTargets,
  INJECT_ANNOTATION,
  planInjectionEdit,
  planRequest,
  refOf,
  targetUnderCursor,
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
import { activeManifest, type ActiveManifest } from '../activeManifest';
import { InputError } from '../../core/errors';
import { runCommand } from '../reportError';
import { offerAfterEdit } from '../../core/inject/status';
import { lensCommand } from './codeLensProvider';

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
  // `offer` false: the caller says what comes next itself (the walkthrough's next step), so no Apply/Restart offer.
  const request = (mesh: MeshRequest, scope: Scope) => async (uri?: vscode.Uri, ref?: TargetRef | number, offer = true) => {
    await runCommand(services.log, `Changing ${INJECT_ANNOTATION}`, async () => {
      const subject = await subjectOf(uri);
      const targets = scope === 'object' ? [targetOf(subject, typeof ref === 'number' ? { document: ref } : ref)] : subject.targets;
      if (!targets.length) throw new InputError(`${vscode.workspace.asRelativePath(subject.document.uri)} has no workloads, Pods or Namespaces (documents with YAML errors are skipped).`);
      const plan = planRequest(subject.parsed, targets, mesh, scope);
      await applyPlan(services, subject, plan, mesh, offer);
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
        void offerRollout(services, subject.document, refOf(target));
      });
    }),
  );
}

/** The object a lens names, or the one under the cursor. */
function targetOf({ parsed, offset, current, targets }: Subject, ref: TargetRef | undefined): InjectionTarget {
  let target = ref && targetByRef(targets, ref);
  if (!ref) {
    if (offset !== undefined) {
      const broken = current?.errors.length ? current : undefined;
      // A parser message can quote a whole line of a binary file: the notification keeps its start.
      if (broken) throw new InputError(`This document has YAML syntax errors; fix them first (${broken.errors[0].message.slice(0, 200)}).`);
      target = targetUnderCursor(parsed, targets, offset);
    } else if (targets.length === 1) {
      target = targets[0];
    }
  }
  if (target) return target;
  throw new InputError('Put the cursor in a Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod or Namespace (or use its code lens).');
}

/** Applies a plan's edits as one WorkspaceEdit and says what happened to each object, with any offer as a button. */
async function applyPlan(services: ExtensionServices, subject: Subject, plan: BatchPlan, mesh: MeshRequest, offer: boolean): Promise<void> {
  const report = describePlan(plan, mesh, (offset) => subject.document.positionAt(offset).line + 1);
  const file = vscode.workspace.asRelativePath(subject.document.uri);
  for (const line of report.log) services.log.info(`${file}:${line}`);
  if (report.message) services.log.info(`${mesh.kind === 'add' ? 'Add to mesh' : 'Remove from mesh'}: ${report.message}`);
  if (plan.edits.length) {
    await applyEdits(subject, plan.edits);
    const changed = plan.outcomes.filter((o) => o.decision.kind === 'change' && !o.failure);
    // One offer per command: for several objects, the lenses say what each needs.
    if (offer && changed.length === 1) void offerRollout(services, subject.document, refOf(changed[0].target));
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

/**
 * After an edit, what it takes for the running pods to follow, read from the edited file and the cluster: Apply, or
 * Restart when the cluster already asks for the proxy. Silent without a cluster, or when nothing runs there.
 */
async function offerRollout(services: ExtensionServices, document: vscode.TextDocument, ref: TargetRef): Promise<void> {
  const live = await services.live.refresh();
  const target = targetByRef(findInjectionTargets(services.manifests.get(document)), ref);
  const offer = live && target && offerAfterEdit(target, services.live.view);
  if (!offer || !target) return;
  const command = lensCommand(document.uri, target, offer.action);
  const pick = await vscode.window.showInformationMessage(offer.message, offer.action.title);
  // The notification was the question: a restart from it does not ask again.
  if (pick === offer.action.title) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []), ...(offer.action.kind === 'restart' ? [true] : []));
}
