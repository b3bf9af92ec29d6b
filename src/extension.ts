import * as vscode from 'vscode';
import { ManifestCache } from './editor/manifestCache';
import type { ExtensionServices } from './editor/context';
import { ClusterService } from './editor/cluster/clusterService';
import { registerCluster } from './editor/cluster';
import { registerControlPlane } from './editor/controlPlane';
import { WorkspaceIndex } from './editor/workspaceIndex';
import { registerAnnotationCompletion } from './editor/annotations/completionProvider';
import { registerAnnotationHover } from './editor/annotations/hoverProvider';
import { registerInjectCodeLens } from './editor/inject/codeLensProvider';
import { registerInjectCommands } from './editor/inject/commands';
import { registerTraffic } from './editor/traffic';
import { registerLint } from './editor/lint';
import { registerPolicyTraffic } from './editor/policy';
import { whenTrusted } from './editor/trust';

/** The table of contents: build the shared services, then register each contribution. */
export function activate(context: vscode.ExtensionContext): ExtensionServices {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Meshaware', { log: true });
  const manifests = new ManifestCache();
  const cluster = new ClusterService(log, context.globalState);
  const services: ExtensionServices = { context, log, manifests, cluster };
  // Every manifest of the workspace, scanned in the background after activation.
  const workspaceIndex = new WorkspaceIndex(manifests, log);
  const policyTraffic = registerPolicyTraffic(services, workspaceIndex);
  context.subscriptions.push(
    log,
    vscode.workspace.onDidCloseTextDocument((d) => manifests.forget(d)),
    whenTrusted(() => vscode.Disposable.from(registerCluster(services, cluster, (uri) => policyTraffic.impact.applyNote(uri)), registerControlPlane(services))),
    workspaceIndex,
    registerAnnotationCompletion(services),
    registerAnnotationHover(services),
    registerInjectCodeLens(services, workspaceIndex),
    registerInjectCommands(services, workspaceIndex),
    registerTraffic(services, workspaceIndex),
    registerLint(services, workspaceIndex),
    policyTraffic.disposable,
  );
  log.info(`Meshaware activated in ${(performance.now() - started).toFixed(1)} ms`);
  return services;
}

export function deactivate(): void {}
