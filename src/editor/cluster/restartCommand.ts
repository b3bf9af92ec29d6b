import * as vscode from 'vscode';
import { injectsNewPods, workloadKey, workloadsToRestart, type LiveMesh } from '../../core/cluster/liveMesh';
import { restartQuestion } from '../../core/cluster/rollout';
import type { WorkloadRef } from '../../core/workloadKinds';
import { restartWorkload } from '../../core/cluster/workloads';
import { INJECT_ANNOTATION } from '../../core/inject';
import { isRestartable, RESTARTABLE_KINDS } from '../../core/workloadKinds';
import { plural } from '../../core/text/plural';
import type { ExtensionServices } from '../context';
import type { ClusterService } from './clusterService';
import { COMMANDS } from '../commandIds';
import { activeManifest } from '../activeManifest';
import { confirmClusterChange } from './confirmRemote';
import { reportError } from '../reportError';
import { followRollouts } from './rolloutProgress';

/**
 * Restart Workload (rollout restart) and Restart the workloads of a namespace, so pods pick up a changed inject
 * annotation: each asks first, then follows the rollout to the count of meshed pods.
 */
export function registerRestartCommands(services: ExtensionServices, cluster: ClusterService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.restartWorkload, async (ref?: Partial<WorkloadRef>, confirmed?: boolean) => {
      const target = ref?.kind && ref.name ? { kind: ref.kind, name: ref.name, namespace: ref.namespace ?? 'default' } : await objectUnderCursor(services, isRestartable);
      if (!target) {
        void vscode.window.showInformationMessage(`Put the cursor in a ${RESTARTABLE_KINDS.map((k) => k.kind).join(', ')} manifest to restart it.`);
        return;
      }
      await restartWorkloads(services, cluster, [target], confirmed === true);
    }),
    vscode.commands.registerCommand(COMMANDS.restartNamespace, async (namespace?: string, confirmed?: boolean) => {
      const name = namespace ?? (await objectUnderCursor(services, (kind) => kind === 'Namespace'))?.name;
      if (!name) {
        void vscode.window.showInformationMessage('Put the cursor in a Namespace manifest to restart its workloads.');
        return;
      }
      await restartNamespace(services, cluster, name, confirmed === true);
    }),
  );
}

/** Restarts the workloads of a namespace whose pods predate its annotation, after asking; says so when there are none. */
export async function restartNamespace(services: ExtensionServices, cluster: ClusterService, namespace: string, confirmed = false): Promise<void> {
  const live = await services.live.refresh();
  if (!live) return reportError(services.log, `Restart workloads in ${namespace}`, new Error(`could not read the workloads of namespace "${namespace}"`));
  const stale = workloadsToRestart(live, namespace);
  if (!stale.length) {
    void vscode.window.showInformationMessage(`Every running workload in ${namespace} already has the pods its ${INJECT_ANNOTATION} annotation asks for.`);
    return;
  }
  await restartWorkloads(services, cluster, stale, confirmed);
}

/** Asks (unless the user already chose to), then rollout-restarts each workload and follows it to its meshed pods. */
export async function restartWorkloads(services: ExtensionServices, cluster: ClusterService, workloads: readonly WorkloadRef[], confirmed = false): Promise<void> {
  try {
    const client = await cluster.client();
    if (!confirmed) {
      const live = services.live.current ?? (await services.live.refresh());
      const q = restartQuestion(workloads.map((w) => ({ ...w, ...facts(live, w) })), client.contextName);
      if ((await vscode.window.showInformationMessage(q.message, { modal: true, detail: q.detail }, q.button)) !== q.button) return;
    }
    if (!(await confirmClusterChange(cluster, 'Restart'))) return;
    const title = workloads.length === 1 ? `Meshaware: restarting ${workloads[0].kind.toLowerCase()}/${workloads[0].name}` : `Meshaware: restarting ${plural(workloads.length, 'workload')}`;
    await followRollouts(services, client, workloads, title, async (w, signal) => {
      await restartWorkload(client, w.kind, w.name, w.namespace, new Date(), { signal });
      services.log.info(`Restarted ${w.kind}/${w.name} in ${w.namespace} on ${client.contextName}`);
    });
  } catch (e) {
    await reportError(services.log, workloads.length === 1 ? `Restart ${workloads[0].kind}/${workloads[0].name}` : 'Restart workloads', e);
  }
}

function facts(live: LiveMesh | undefined, w: WorkloadRef): { pods?: number; meshedAfter?: boolean } {
  const running = live?.workloads.get(workloadKey(w.kind, w.namespace, w.name));
  return running && live ? { pods: running.pods, meshedAfter: injectsNewPods(live, running) } : {};
}

/** The object under the cursor of the active YAML editor, if `accept` takes its kind. */
async function objectUnderCursor(services: ExtensionServices, accept: (kind: string) => boolean): Promise<WorkloadRef | undefined> {
  const d = (await activeManifest(services.manifests))?.current;
  if (!d?.kind || !d.name || !accept(d.kind)) return undefined;
  return { kind: d.kind, name: d.name, namespace: d.namespace ?? 'default' };
}
