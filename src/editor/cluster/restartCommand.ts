import * as vscode from 'vscode';
import { RESTARTABLE, restartWorkload, workloadExists } from '../../core/cluster/workloads';
import type { ExtensionServices } from '../context';
import type { ClusterService } from './clusterService';
import { COMMANDS } from './commandIds';
import { confirmClusterChange } from './confirmRemote';
import { reportClusterError, withClusterProgress } from './errorReporting';

/** Identifies one workload in the cluster. */
export interface WorkloadRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** Restart workload (rollout restart), so pods pick up a changed inject annotation. */
export function registerRestartCommand(services: ExtensionServices, cluster: ClusterService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.restartWorkload, async (ref?: WorkloadRef) => {
    const target = ref ?? (await workloadUnderCursor(services));
    if (!target) {
      await vscode.window.showInformationMessage(`Put the cursor in a ${Object.keys(RESTARTABLE).join(', ')} manifest to restart it.`);
      return;
    }
    await restart(services, cluster, target);
  });
}

async function restart(services: ExtensionServices, cluster: ClusterService, w: WorkloadRef): Promise<void> {
  const namespace = w.namespace ?? 'default';
  try {
    const client = await cluster.client();
    if (!(await confirmClusterChange(cluster, 'Restart'))) return;
    await withClusterProgress(`Meshaware: restarting ${w.kind.toLowerCase()}/${w.name}`, (signal) => restartWorkload(client, w.kind, w.name, namespace, new Date(), { signal }));
    services.log.info(`Restarted ${w.kind}/${w.name} in ${namespace} on ${client.contextName}`);
    void vscode.window.showInformationMessage(`Restarting ${w.kind.toLowerCase()}/${w.name} in "${namespace}": new pods will start with the Linkerd proxy if injection applies.`);
  } catch (e) {
    await reportClusterError(services.log, `Restart ${w.kind}/${w.name}`, e);
  }
}

/**
 * After Add to mesh on a workload that already runs in the current context, offer the restart it needs:
 * the injector only acts on new pods. Silent when there is no cluster or the workload is not deployed.
 */
export async function offerRestartAfterMeshChange(services: ExtensionServices, cluster: ClusterService, w: WorkloadRef): Promise<void> {
  if (!(w.kind in RESTARTABLE)) return;
  try {
    const client = await cluster.client();
    if (!(await workloadExists(client, w.kind, w.name, w.namespace ?? 'default', { timeoutMs: 4000, retries: 0 }))) return;
    const pick = await vscode.window.showInformationMessage(
      `${w.kind.toLowerCase()}/${w.name} is running in "${client.contextName}". Its pods only get the Linkerd proxy when they are re-created. Apply the change and restart it?`,
      'Restart Workload',
    );
    if (pick === 'Restart Workload') await restart(services, cluster, w);
  } catch (e) {
    services.log.debug(`No restart offered for ${w.kind}/${w.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function workloadUnderCursor(services: ExtensionServices): Promise<WorkloadRef | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const parsed = services.manifests.get(editor.document);
  const offset = editor.document.offsetAt(editor.selection.active);
  const d = parsed.documents.find((x) => offset >= x.doc.range[0] && offset <= x.doc.range[2]);
  if (!d?.kind || !d.name || !(d.kind in RESTARTABLE)) return undefined;
  return { kind: d.kind, name: d.name, namespace: d.namespace };
}
