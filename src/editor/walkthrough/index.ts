import * as vscode from 'vscode';
import { findInjectionTargets, type InjectionTarget } from '../../core/inject';
import { meshCandidates, meshedInFile, podsMeshed, rolloutCandidates, trafficSeen, type Candidate, type WalkthroughFacts } from '../../core/walkthrough/progress';
import type { TrafficSnapshot } from '../../shared/trafficProtocol';
import type { ExtensionServices } from '../context';
import { offsetsToRange } from '../convert';
import { lensCommand } from '../inject/codeLensProvider';
import { namespaceLookup } from '../inject/namespaceLookup';
import type { WorkspaceIndex } from '../workspaceIndex';
import { WALKTHROUGH_COMMANDS, WALKTHROUGH_KEYS } from '../commandIds';
import { isConnected } from '../cluster/clusterService';
import { reportError } from '../reportError';

/**
 * The Get Started walkthrough's side: the facts its steps complete on (context keys, set as they become true), and
 * the buttons that act from the walkthrough page itself, opening the manifest they change beside it.
 */
export function registerWalkthrough(services: ExtensionServices, index: WorkspaceIndex): { disposable: vscode.Disposable; trafficRead: (s: TrafficSnapshot) => void } {
  const namespaces = namespaceLookup(index);
  const files = () => [...index.resources.uris()].map((uri) => ({ uri: vscode.Uri.parse(uri), targets: findInjectionTargets(index.resources.parsed(uri)!, namespaces) }));
  let sawTraffic = false;
  const shown = new Map<string, boolean>();
  const update = () => {
    const state = services.cluster.state;
    const facts: WalkthroughFacts = {
      contextReady: isConnected(state) && state.linkerd !== undefined,
      linkerdInstalled: state.linkerd?.installed === true,
      // A step once done stays done (VS Code keeps it), so a fact that was true is not looked for again.
      meshedInFile: shown.get(WALKTHROUGH_KEYS.meshedInFile) || meshedInFile(files().flatMap((f) => f.targets)),
      podsMeshed: podsMeshed(services.live.current),
      trafficSeen: sawTraffic,
    };
    for (const [fact, key] of Object.entries(WALKTHROUGH_KEYS)) {
      const value = facts[fact as keyof WalkthroughFacts];
      if (shown.get(key) === value) continue;
      shown.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  };
  update();
  const disposable = vscode.Disposable.from(
    services.cluster.onDidChange(update),
    services.live.onDidChange(update),
    index.onDidChange(update),
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.addToMesh, () => guarded(services.log, 'Add a workload to the mesh', () => addToMesh(services, files()))),
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.rollOut, () => guarded(services.log, 'Apply and restart', () => rollOut(services, files))),
  );
  const trafficRead = (s: TrafficSnapshot) => {
    if (sawTraffic || !trafficSeen(s)) return;
    sawTraffic = true;
    update();
  };
  return { disposable, trafficRead };
}

type Files = { uri: vscode.Uri; targets: readonly InjectionTarget[] }[];

/** Step 3: picks a workload that is not in the mesh (running ones first), opens its manifest and adds it. */
async function addToMesh(services: ExtensionServices, files: Files): Promise<void> {
  const candidates = meshCandidates(files, services.live.view);
  if (!candidates.length) {
    const any = files.some((f) => f.targets.some((t) => t.role === 'workload'));
    throw new WalkthroughNotice(
      any
        ? 'Every workload in this workspace already asks for the Linkerd proxy. Next: apply and restart.'
        : "This workspace has no workload manifests (Deployment, StatefulSet, DaemonSet, Job, Pod). Open the folder with your app's Kubernetes YAML.",
    );
  }
  const chosen = await choose(candidates, 'Add a workload to the mesh', 'The workloads that run in the cluster come first');
  if (!chosen) return;
  await reveal(services, chosen);
  const command = lensCommand(chosen.uri, chosen.target, chosen.action!);
  // No "Apply to Cluster" offer: the walkthrough's next step is that offer.
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []), false);
}

/** Step 4: picks a manifest that asks for the proxy while its pods run without it, and applies or restarts it. */
async function rollOut(services: ExtensionServices, files: () => Files): Promise<void> {
  if (!vscode.workspace.isTrusted) throw new WalkthroughNotice('Meshaware reads and changes clusters only in a trusted workspace: trust this folder first.');
  if (!services.live.view) throw new WalkthroughNotice('Pick a cluster first: step 1, "Pick a local cluster".');
  await services.live.refresh();
  const all = files();
  const candidates = rolloutCandidates(all, services.live.view);
  if (!candidates.length) {
    throw new WalkthroughNotice(
      meshedInFile(all.flatMap((f) => f.targets))
        ? `Everything whose manifest asks for the proxy already runs meshed in "${services.live.view.context}".`
        : 'No manifest asks for the Linkerd proxy yet: add a workload to the mesh first (step 3).',
    );
  }
  const chosen = await choose(candidates, 'Apply and restart', 'Manifests that ask for the proxy while their pods run without it');
  if (!chosen) return;
  await reveal(services, chosen);
  const command = lensCommand(chosen.uri, chosen.target, chosen.action!);
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

async function choose<U>(candidates: Candidate<U>[], title: string, placeHolder: string): Promise<Candidate<U> | undefined> {
  if (candidates.length === 1) return candidates[0];
  const items = candidates.map((c) => ({
    label: `${c.target.kind.toLowerCase()}/${c.target.name ?? '(unnamed)'}`,
    description: `${c.target.namespace ?? 'default'} · ${vscode.workspace.asRelativePath(c.uri as vscode.Uri)}`,
    detail: c.status,
    c,
  }));
  // The walkthrough page takes focus back as its button is pressed: the picker must outlive that.
  return (await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true }))?.c;
}

/**
 * Opens the manifest at the object: beside the walkthrough page when that has focus (the page stays in view for the
 * next step), else in the editor the user works in.
 */
async function reveal(services: ExtensionServices, c: Candidate<vscode.Uri>): Promise<void> {
  const document = await vscode.workspace.openTextDocument(c.uri);
  const range = offsetsToRange(services.manifests.get(document).lines, c.target.headStart, c.target.headStart);
  const beside = !vscode.window.activeTextEditor;
  const split = beside && vscode.window.tabGroups.all.length === 1;
  await vscode.window.showTextDocument(document, { selection: range, preview: false, viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active });
  // A split made here gives the manifest the room its lenses need; the page reflows to a narrower column.
  if (split) await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.4 }, { size: 0.6 }] });
}

/** Something the user must do first, said where they clicked: a dialog over the walkthrough, not a toast. */
class WalkthroughNotice extends Error {}

/** Runs a walkthrough button: a notice as a dialog, any failure through the one error reporter. */
async function guarded(log: vscode.LogOutputChannel, what: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof WalkthroughNotice) await vscode.window.showInformationMessage(e.message, { modal: true });
    else await reportError(log, what, e);
  }
}
