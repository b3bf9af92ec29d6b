import { sleep } from '../cancel';
import { plural } from '../text/plural';
import type { PodObject } from '../traffic/pods';
import type { ClusterClient } from './client';
import { ClusterError } from './errors';
import { countPods, workloadKey } from './liveMesh';
import type { CallOptions } from './transport';
import { restartableKind, type WorkloadRef } from '../workloadKinds';

/** Where a rollout stands, as `kubectl rollout status` judges it. */
export interface RolloutState {
  readonly done: boolean;
  readonly message: string;
  /** Set when the rollout cannot finish (its progress deadline passed). */
  readonly failed?: string;
}

interface WorkloadStatus {
  metadata?: { generation?: number };
  spec?: { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    readyReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    conditions?: { type?: string; reason?: string }[];
  };
}

/**
 * The rollout status of a Deployment, DaemonSet or StatefulSet, by the rules of kubectl's status viewers
 * (kubernetes staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go): the controller has seen the
 * latest spec, every replica is updated, no old replica is left, and the updated ones are available.
 */
export function rolloutState(kind: string, workload: object): RolloutState {
  const w = workload as WorkloadStatus;
  const s = w.status ?? {};
  const observed = (w.metadata?.generation ?? 0) <= (s.observedGeneration ?? 0) && s.observedGeneration !== undefined;
  if (!observed) return { done: false, message: 'waiting for the controller to see the change' };
  if (kind === 'DaemonSet') {
    const desired = s.desiredNumberScheduled ?? 0;
    if ((s.updatedNumberScheduled ?? 0) < desired) return { done: false, message: `${s.updatedNumberScheduled ?? 0} of ${plural(desired, 'new pod')} updated` };
    if ((s.numberAvailable ?? 0) < desired) return { done: false, message: `${s.numberAvailable ?? 0} of ${desired} updated pods available` };
    return { done: true, message: 'rolled out' };
  }
  const replicas = w.spec?.replicas ?? 1;
  if (kind === 'StatefulSet') {
    if ((s.readyReplicas ?? 0) < replicas) return { done: false, message: `waiting for ${plural(replicas - (s.readyReplicas ?? 0), 'pod')} to be ready` };
    const partition = w.spec?.updateStrategy?.rollingUpdate?.partition;
    if (partition !== undefined) return (s.updatedReplicas ?? 0) < replicas - partition ? { done: false, message: `${s.updatedReplicas ?? 0} of ${replicas - partition} new pods updated` } : { done: true, message: 'rolled out' };
    if (s.updateRevision !== s.currentRevision) return { done: false, message: `${s.updatedReplicas ?? 0} pods at the new revision` };
    return { done: true, message: 'rolled out' };
  }
  if (s.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
    return { done: false, message: 'stalled', failed: 'it exceeded its progress deadline (see its events: an image that cannot be pulled, a pod that cannot be scheduled, or one that does not become ready)' };
  }
  const updated = s.updatedReplicas ?? 0;
  if (updated < replicas) return { done: false, message: `${updated} of ${plural(replicas, 'new replica')} updated` };
  if ((s.replicas ?? 0) > updated) return { done: false, message: `${plural((s.replicas ?? 0) - updated, 'old replica')} terminating` };
  if ((s.availableReplicas ?? 0) < updated) return { done: false, message: `${s.availableReplicas ?? 0} of ${updated} updated replicas available` };
  return { done: true, message: 'rolled out' };
}

export interface RolloutProgress extends RolloutState {
  readonly pods: number;
  readonly meshedPods: number;
}

/** "deployment/web" */
export function workloadLabel(w: Pick<WorkloadRef, 'kind' | 'name'>): string {
  return `${w.kind.toLowerCase()}/${w.name}`;
}

/** One line for a progress notification: "1 of 2 new replicas updated · 1/2 pods meshed". */
export function progressText(p: RolloutProgress): string {
  return p.done ? `${p.meshedPods}/${p.pods} meshed` : `${p.message} · ${p.meshedPods}/${p.pods} pods meshed`;
}

/**
 * Follows a workload's rollout until it is done and its old pods are gone, reporting each change: how far the
 * rollout is and how many of the running pods have the proxy. Resolves with the last state; not done when the
 * rollout stalled or `timeoutMs` passed.
 */
export async function watchRollout(
  client: ClusterClient,
  w: WorkloadRef,
  options: { onProgress?: (p: RolloutProgress) => void; pollMs?: number; timeoutMs?: number; call?: CallOptions } = {},
): Promise<RolloutProgress> {
  const apiVersion = restartableKind(w.kind)?.apiVersion;
  if (!apiVersion) throw new ClusterError('invalid', `${w.kind} has no rollout to follow.`, '');
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  const call = { timeoutMs: 5000, retries: 1, ...options.call };
  let last = '';
  for (;;) {
    const [workload, pods] = await Promise.all([client.get(apiVersion, w.kind, w.name, w.namespace, call), client.list<PodObject>('v1', 'Pod', { namespace: w.namespace }, call)]);
    const count = countPods(pods.items).byWorkload.get(workloadKey(w.kind, w.namespace, w.name)) ?? { pods: 0, meshedPods: 0 };
    const state = rolloutState(w.kind, workload);
    const desired = w.kind === 'DaemonSet' ? undefined : ((workload as WorkloadStatus).spec?.replicas ?? 1);
    // Done means the old pods are gone too: kubectl stops earlier, but until then the count of meshed pods is not final.
    const progress: RolloutProgress = { ...state, done: state.done && (desired === undefined || count.pods === desired), ...count };
    const key = JSON.stringify(progress);
    if (key !== last) options.onProgress?.(progress);
    last = key;
    if (progress.done || progress.failed || Date.now() > deadline) return progress;
    await sleep(options.pollMs ?? 500, call.signal);
  }
}


/**
 * The last word on a followed rollout: "deployment/web in emojivoto: 2/2 meshed." A warning when it stalled, is
 * still going, or its pods did not come out the way the cluster's annotations ask (`expectMeshed`).
 */
export function rolloutSummary(w: WorkloadRef, p: RolloutProgress, expectMeshed?: boolean): { severity: 'info' | 'warning'; message: string } {
  const label = `${workloadLabel(w)} in ${w.namespace}`;
  if (p.failed) return { severity: 'warning', message: `${label} did not finish rolling out: ${p.failed}. ${p.meshedPods}/${plural(p.pods, 'pod')} meshed.` };
  if (!p.done) return { severity: 'warning', message: `${label} is still rolling out (${p.message}); ${p.meshedPods}/${plural(p.pods, 'pod')} meshed so far. Its lens follows the pods.` };
  if (expectMeshed === true && p.meshedPods < p.pods) {
    return { severity: 'warning', message: `${label}: ${p.meshedPods}/${p.pods} meshed. The new pods came up without the proxy: check that Linkerd's proxy injector runs (Meshaware: Check Linkerd).` };
  }
  if (expectMeshed === false && p.meshedPods > 0) return { severity: 'warning', message: `${label}: ${p.meshedPods}/${plural(p.pods, 'pod')} still meshed.` };
  return { severity: 'info', message: `${label}: ${p.meshedPods}/${p.pods} meshed.` };
}

/** One message for several followed rollouts: each workload's count, a warning if any of them needs one. */
export function rolloutsSummary(results: readonly { w: WorkloadRef; progress: RolloutProgress; expectMeshed?: boolean }[]): { severity: 'info' | 'warning'; message: string } | undefined {
  if (results.length <= 1) return results[0] && rolloutSummary(results[0].w, results[0].progress, results[0].expectMeshed);
  const each = results.map((r) => ({ ...r, summary: rolloutSummary(r.w, r.progress, r.expectMeshed) }));
  const warnings = each.filter((r) => r.summary.severity === 'warning');
  if (warnings.length) return { severity: 'warning', message: warnings.map((r) => r.summary.message).join(' ') };
  const namespaces = [...new Set(results.map((r) => r.w.namespace))];
  const counts = results.map((r) => `${workloadLabel(r.w)} ${r.progress.meshedPods}/${r.progress.pods}`).join(', ');
  const meshed = results.reduce((n, r) => n + r.progress.meshedPods, 0);
  const pods = results.reduce((n, r) => n + r.progress.pods, 0);
  return { severity: 'info', message: `${plural(results.length, 'workload')} rolled out in ${namespaces.join(', ')}: ${meshed}/${pods} pods meshed (${counts}).` };
}

/** The confirmation before a rollout restart: what is restarted, where, and what its pods come back with. */
export function restartQuestion(workloads: readonly (WorkloadRef & { pods?: number; meshedAfter?: boolean })[], context: string): { message: string; detail: string; button: string } {
  const namespaces = [...new Set(workloads.map((w) => w.namespace))].join(', ');
  const after = (w: { meshedAfter?: boolean }) => (w.meshedAfter === undefined ? '' : w.meshedAfter ? ', with the Linkerd proxy' : ', without the Linkerd proxy');
  if (workloads.length === 1) {
    const [w] = workloads;
    const pods = w.pods === undefined ? 'Its pods are' : w.pods === 1 ? 'Its pod is' : `Its ${w.pods} pods are`;
    return { message: `Restart ${workloadLabel(w)} in ${w.namespace} on "${context}"?`, detail: `${pods} replaced${w.pods === 1 ? '' : ' one by one'} (rollout restart)${after(w)}.`, button: 'Restart' };
  }
  return {
    message: `Restart ${plural(workloads.length, 'workload')} in ${namespaces} on "${context}"?`,
    detail: `Their pods are replaced one by one (rollout restart), one workload after another:\n${workloads.map((w) => `${workloadLabel(w)}${w.pods === undefined ? '' : ` (${plural(w.pods, 'pod')})`}${after(w)}`).join('\n')}`,
    button: `Restart ${plural(workloads.length, 'Workload')}`,
  };
}
