import * as vscode from 'vscode';
import type { ClusterService } from './clusterService';
import { COMMANDS } from '../commandIds';

/** Context picker and refresh: the status bar's click and the palette's "Select Kubernetes Context". */
export function registerContextCommands(cluster: ClusterService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.refresh, () => cluster.refresh()),
    vscode.commands.registerCommand(COMMANDS.selectContext, async () => {
      const config = await cluster.session.kubeconfig().catch(() => undefined);
      if (!config || config.contexts.length === 0) {
        const files = cluster.session.watchedFiles.join(', ');
        await vscode.window.showInformationMessage(
          `No Kubernetes contexts found in ${files}. Create a local cluster (kind create cluster, k3d cluster create, minikube start) or set KUBECONFIG, then try again.`,
        );
        return;
      }
      const current = (await cluster.session.currentContext())?.name;
      const items = config.contexts.map((c) => {
        const verdict = cluster.session.verdict(c);
        return {
          label: c.name,
          description: `${verdict.local ? `local${verdict.flavour && verdict.flavour !== 'loopback' ? ` · ${verdict.flavour}` : ''}` : 'remote'}${c.name === current ? ' · current' : ''}`,
          detail: c.server,
          picked: c.name === current,
        };
      });
      const pick = await vscode.window.showQuickPick(items, { title: 'Meshaware: Select Kubernetes Context', placeHolder: 'Context to use for apply, restart, traffic and the control plane' });
      if (pick) await cluster.useContext(pick.label);
    }),
  );
}
