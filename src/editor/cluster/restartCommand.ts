import * as vscode from 'vscode';
import { restartWorkload } from '../../core/cluster/workloads';
import { RESTARTABLE_KINDS, restartableKind } from '../../core/workloadKinds';
import type { ExtensionServices } from '../context';
import type { ClusterService } from './clusterService';
import { COMMANDS } from '../commandIds';
import { confirmClusterChange } from './confirmRemote';
import { reportError, withClusterProgress } from '../reportError';
import { activeManifest } from '../activeManifest';

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
      await vscode.window.showInformationMessage(`Put the cursor in a ${RESTARTABLE_KINDS.map((k) => k.kind).join(', ')} manifest to restart it.`);
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
    await reportError(services.log, `Restart ${w.kind}/${w.name}`, e);
  }
}

/**
 * After Add to mesh on a workload that already runs in the current context, say what it takes for its pods to
 * get the proxy: applying the manifest rolls new pods (the pod template changed); if the cluster's template
 * already asks for injection, the running pods predate it and only a restart helps. Silent without a cluster.
 */
export async function offerRolloutAfterMeshChange(services: ExtensionServices, cluster: ClusterService, w: WorkloadRef, document: vscode.Uri, documentIndex: number): Promise<void> {
  const apiVersion = restartableKind(w.kind)?.apiVersion;
  if (!apiVersion || !cluster.state.context) return;
  try {
    const client = await cluster.client();
    const namespace = w.namespace ?? 'default';
    const live = await client.tryGet<{ spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } }>(apiVersion, w.kind, w.name, namespace, { timeoutMs: 4000, retries: 0 });
    if (!live) return;
    const label = `${w.kind.toLowerCase()}/${w.name}`;
    const value = live.spec?.template?.metadata?.annotations?.['linkerd.io/inject'];
    if (value === 'enabled' || value === 'ingress') {
      const pick = await vscode.window.showInformationMessage(`${label} in "${client.contextName}" already asks for injection; pods created before that run without the proxy.`, 'Restart Workload');
      if (pick === 'Restart Workload') await restart(services, cluster, w);
      return;
    }
    const pick = await vscode.window.showInformationMessage(`${label} runs in "${client.contextName}" without the Linkerd proxy. Apply the change to roll out meshed pods.`, 'Apply to Cluster');
    if (pick === 'Apply to Cluster') await vscode.commands.executeCommand(COMMANDS.applyDocument, document, documentIndex);
  } catch (e) {
    services.log.debug(`No rollout offered for ${w.kind}/${w.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function workloadUnderCursor(services: ExtensionServices): Promise<WorkloadRef | undefined> {
  const d = (await activeManifest(services.manifests))?.current;
  if (!d?.kind || !d.name || !restartableKind(d.kind)) return undefined;
  return { kind: d.kind, name: d.name, namespace: d.namespace };
}
