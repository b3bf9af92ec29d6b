import * as vscode from 'vscode';
import { ManifestCache } from './editor/manifestCache';
import type { ExtensionServices } from './editor/context';
import { ClusterService } from './editor/cluster/clusterService';
import { LiveMeshCache } from './editor/cluster/liveMeshCache';
import { HealthService } from './editor/controlPlane/healthService';
import { registerCluster } from './editor/cluster';
import { registerControlPlane } from './editor/controlPlane';
import { WorkspaceIndex } from './editor/workspaceIndex';
import { registerAnnotationCompletion } from './editor/annotations/completionProvider';
import { registerAnnotationHover } from './editor/annotations/hoverProvider';
import { registerInjectCodeLens } from './editor/inject/codeLensProvider';
import { registerInjectCommands } from './editor/inject/commands';
import { registerMenuContext } from './editor/inject/menuContext';
import { registerTraffic } from './editor/traffic';
import { TrafficFeed } from './editor/traffic/feed';
import { registerLint } from './editor/lint';
import { registerPolicyTraffic } from './editor/policy';
import { registerWalkthrough } from './editor/walkthrough';
import { whenTrusted } from './editor/trust';

/** The table of contents: build the shared services, then register each contribution. */
export function activate(context: vscode.ExtensionContext): ExtensionServices {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Meshaware', { log: true });
  const manifests = new ManifestCache();
  const cluster = new ClusterService(log, context.globalState);
  const live = new LiveMeshCache(cluster, log);
  const health = new HealthService(cluster, log);
  const services: ExtensionServices = { context, log, manifests, cluster, live, health };
  // Every manifest of the workspace, scanned in the background after activation.
  const workspaceIndex = new WorkspaceIndex(manifests, log);
  const walkthrough = registerWalkthrough(services, workspaceIndex);
  // The one reader of live traffic: the Live Traffic view, its editor tab and the policy lenses share it.
  const traffic = new TrafficFeed(services, walkthrough.trafficRead);
  const policyTraffic = registerPolicyTraffic(services, workspaceIndex, traffic);
  context.subscriptions.push(
    log,
    live,
    health,
    vscode.workspace.onDidCloseTextDocument((d) => manifests.forget(d)),
    whenTrusted(() => vscode.Disposable.from(registerCluster(services, cluster, (uri) => policyTraffic.impact.applyNote(uri)), registerControlPlane(services))),
    workspaceIndex,
    registerAnnotationCompletion(services),
    registerAnnotationHover(services),
    registerInjectCodeLens(services, workspaceIndex),
    registerInjectCommands(services, workspaceIndex),
    registerMenuContext(services, workspaceIndex),
    walkthrough.disposable,
    traffic,
    registerTraffic(services, workspaceIndex, traffic),
    registerLint(services, workspaceIndex),
    policyTraffic.disposable,
  );
  log.info(`Meshaware activated in ${(performance.now() - started).toFixed(1)} ms`);
  return services;
}

export function deactivate(): void {}
