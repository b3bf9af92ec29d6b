import * as vscode from 'vscode';
import type { ClusterClient } from '../../core/cluster/client';
import { injectsNewPods, workloadKey } from '../../core/cluster/liveMesh';
import { progressText, rolloutsSummary, watchRollout, workloadLabel, type RolloutProgress } from '../../core/cluster/rollout';
import type { WorkloadRef } from '../../core/workloadKinds';
import type { ExtensionServices } from '../context';
import { withClusterProgress } from '../reportError';

/**
 * Follows rollouts one after another under one progress notification ("deployment/web: 1 of 2 new replicas updated ·
 * 1/2 pods meshed"), refreshing the lenses as pods change, and ends with what came out ("2/2 meshed"), or why not.
 * `restart` runs first for each workload when given (a rollout restart); otherwise the rollout is already going.
 */
export async function followRollouts(
  services: ExtensionServices,
  client: ClusterClient,
  workloads: readonly WorkloadRef[],
  title: string,
  restart?: (w: WorkloadRef, signal: AbortSignal) => Promise<unknown>,
): Promise<void> {
  if (!workloads.length) return;
  const results: { w: WorkloadRef; progress: RolloutProgress }[] = [];
  await withClusterProgress(title, async (signal, report) => {
    for (const [i, w] of workloads.entries()) {
      const prefix = `${workloads.length > 1 ? `${i + 1}/${workloads.length} ` : ''}${workloadLabel(w)}`;
      report(`${prefix}: ${restart ? 'restarting' : 'rolling out'}`);
      if (restart) await restart(w, signal);
      const progress = await watchRollout(client, w, {
        call: { signal },
        onProgress: (p) => {
          report(`${prefix}: ${progressText(p)}`);
          void services.live.refresh();
        },
      });
      services.log.info(`${workloadLabel(w)} in ${w.namespace} on ${client.contextName}: ${progressText(progress)}`);
      results.push({ w, progress });
    }
  });
  const live = await services.live.refresh();
  // New pods can settle a warning of the Linkerd Health view (another proxy version, old trust anchors).
  void services.health.recheck(`the rollout of ${results.map((r) => workloadLabel(r.w)).join(', ')}`);
  const summary = rolloutsSummary(
    results.map(({ w, progress }) => {
      const running = live?.workloads.get(workloadKey(w.kind, w.namespace, w.name));
      return { w, progress, expectMeshed: live && running ? injectsNewPods(live, running) : undefined };
    }),
  );
  if (!summary) return;
  const show = summary.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(summary.message);
}
