import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../commandIds';
import type { ExtensionServices } from '../context';
import { registerApplyCodeLens } from './applyCodeLens';
import { registerApplyCommands, type ApplyNote } from './applyCommands';
import { ClusterService, isConnected } from './clusterService';
import { registerContextCommands } from './contextCommands';
import { registerRestartCommands } from './restartCommand';
import { registerClusterStatusBar } from './statusBar';

/** Long enough for activation and the first code lenses to finish before the Kubernetes client loads. */
const INITIAL_REFRESH_DELAY_MS = 1500;

/**
 * The cluster features: status bar, context picker, apply and restart. The kubeconfig (and with it the
 * Kubernetes client bundle) loads a moment after activation, so opening a YAML file never waits for it.
 */
export function registerCluster(services: ExtensionServices, cluster: ClusterService, applyNote?: ApplyNote): vscode.Disposable {
  const disposable = vscode.Disposable.from(
    cluster,
    registerClusterStatusBar(cluster, services.health),
    // The Linkerd Health view's menu offers Install only where Linkerd is not installed, and the rest only where it is.
    cluster.onDidChange((s) => {
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.linkerdInstalled, s.linkerd?.installed === true);
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.clusterConnected, isConnected(s));
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.clusterChecked, true);
    }),
    registerContextCommands(cluster),
    registerApplyCommands(services, cluster, applyNote),
    registerRestartCommands(services, cluster),
    registerApplyCodeLens(services, cluster),
  );
  const initial = setTimeout(() => void cluster.refresh(), INITIAL_REFRESH_DELAY_MS);
  return vscode.Disposable.from(disposable, { dispose: () => clearTimeout(initial) });
}
