import * as vscode from 'vscode';
import { ManifestCache } from './editor/manifestCache';
import type { ExtensionServices } from './editor/context';
import { ClusterService } from './editor/cluster/clusterService';
import { registerCluster } from './editor/cluster';

/** The table of contents: build the shared services, then register each contribution. */
export function activate(context: vscode.ExtensionContext): ExtensionServices {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Meshaware', { log: true });
  const manifests = new ManifestCache();
  const cluster = new ClusterService(log, context.globalState);
  const services: ExtensionServices = { context, log, manifests, cluster };
  context.subscriptions.push(
    log,
    vscode.workspace.onDidCloseTextDocument((d) => manifests.forget(d)),
    registerCluster(services, cluster),
  );
  log.info(`Meshaware activated in ${(performance.now() - started).toFixed(1)} ms`);
  return services;
}

export function deactivate(): void {}
