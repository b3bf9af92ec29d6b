import * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import { registerApplyCodeLens } from './applyCodeLens';
import { registerApplyCommands } from './applyCommands';
import { ClusterService } from './clusterService';
import { registerContextCommands } from './contextCommands';
import { registerRestartCommand } from './restartCommand';
import { registerClusterStatusBar } from './statusBar';

/** The cluster features: status bar, context picker, apply and restart. The kubeconfig loads after activation. */
export function registerCluster(services: ExtensionServices, cluster: ClusterService): vscode.Disposable {
  const disposable = vscode.Disposable.from(
    cluster,
    registerClusterStatusBar(cluster),
    registerContextCommands(cluster),
    registerApplyCommands(services, cluster),
    registerRestartCommand(services, cluster),
    registerApplyCodeLens(services, cluster),
  );
  setTimeout(() => void cluster.refresh(), 0);
  return disposable;
}
