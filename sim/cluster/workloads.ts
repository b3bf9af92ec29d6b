import type { ObjectApi } from '../api/objects';
import { timestamp } from '../api/objects';
import type { ResourceType } from '../api/resources';
import { clone, isObject, type KubeObject, type OwnerReference } from '../store/types';
import { templateHash } from '../api/names';
import type { Pod } from './podTypes';

const MANAGER = 'kube-controller-manager';
const RECONCILE_DELAY_MS = 5;
const WATCHED = new Set(['apps/deployments', 'apps/replicasets', 'apps/statefulsets', 'apps/daemonsets', 'batch/jobs', '/pods']);

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

interface Workload extends KubeObject {
  spec: { replicas?: number; selector?: unknown; template: Template };
  status?: Record<string, unknown>;
}

/**
 * The workload controllers of kube-controller-manager, reduced to what clients observe: Deployments roll
 * out through ReplicaSets (old ones scaled down once the new pods are ready), StatefulSets and DaemonSets
 * replace outdated pods, and Jobs run one pod to completion. All reconciling happens in one coalesced pass.
 */
export class WorkloadControllers {
  private scheduled = false;
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly t: Record<'pods' | 'deployments' | 'replicasets' | 'statefulsets' | 'daemonsets' | 'jobs', ResourceType>;

  constructor(private readonly api: ObjectApi) {
    this.t = {
      pods: api.typeOf('Pod'),
      deployments: api.typeOf('Deployment', 'apps/v1'),
      replicasets: api.typeOf('ReplicaSet', 'apps/v1'),
      statefulsets: api.typeOf('StatefulSet', 'apps/v1'),
      daemonsets: api.typeOf('DaemonSet', 'apps/v1'),
      jobs: api.typeOf('Job', 'batch/v1'),
    };
    this.unsubscribe = api.store.subscribe((event) => {
      if (WATCHED.has(event.key)) this.schedule();
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    // A short delay lets a burst of changes (a thousand pods turning ready) share one pass.
    setTimeout(() => {
      this.scheduled = false;
      if (this.closed) return;
      const pods = new Map<string, Pod[]>();
      for (const pod of this.api.peek(this.t.pods) as Pod[]) {
        const owner = pod.metadata.ownerReferences?.find((r) => r.controller)?.uid;
        if (owner) pods.set(owner, [...(pods.get(owner) ?? []), pod]);
      }
      const owned = (owner: KubeObject) => pods.get(owner.metadata.uid!) ?? [];
      for (const d of this.api.peek(this.t.deployments) as Workload[]) this.deployment(d);
      for (const rs of this.api.peek(this.t.replicasets) as Workload[]) this.replicaSet(rs, owned(rs));
      for (const s of this.api.peek(this.t.statefulsets) as Workload[]) this.statefulSet(s, owned(s));
      for (const ds of this.api.peek(this.t.daemonsets) as Workload[]) this.daemonSet(ds, owned(ds));
      for (const job of this.api.peek(this.t.jobs) as Workload[]) this.job(job, owned(job));
    }, RECONCILE_DELAY_MS);
  }

  private deployment(d: Workload): void {
    const desired = d.spec.replicas ?? 1;
    const hash = templateHash(d.spec.template);
    const owned = this.api.peek(this.t.replicasets, d.metadata.namespace).filter((rs) => ownedBy(rs, d)) as Workload[];
    const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    let current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    if (!current) {
      const template = withLabels(d.spec.template, { 'pod-template-hash': hash });
      current = this.api.create(this.t.replicasets, d.metadata.namespace, {
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          labels: template.metadata?.labels,
          annotations: { 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + 1), 'deployment.kubernetes.io/revision': String(maxRevision + 1) },
          ownerReferences: [ownerReference(d)],
        },
        spec: { replicas: desired, selector: addMatchLabel(d.spec.selector, 'pod-template-hash', hash), template },
      }, { fieldManager: MANAGER }) as Workload;
    } else if (current.spec.replicas !== desired || revisionOf(current) < maxRevision) {
      const annotations = { ...current.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/revision': String(revisionOf(current) < maxRevision ? maxRevision + 1 : maxRevision) };
      current = this.api.patch(this.t.replicasets, d.metadata.namespace, current.metadata.name!, 'merge', { metadata: { annotations }, spec: { replicas: desired } }, { fieldManager: MANAGER }) as Workload;
    }
    const newReady = Number(current.status?.readyReplicas ?? 0);
    const old = owned.filter((rs) => rs.metadata.uid !== current.metadata.uid);
    if (newReady >= desired) {
      for (const rs of old) if (rs.spec.replicas !== 0) this.api.patch(this.t.replicasets, d.metadata.namespace, rs.metadata.name!, 'merge', { spec: { replicas: 0 } }, { fieldManager: MANAGER });
    }
    const revision = String(revisionOf(current));
    if (d.metadata.annotations?.['deployment.kubernetes.io/revision'] !== revision) {
      d = this.api.patch(this.t.deployments, d.metadata.namespace, d.metadata.name!, 'merge', { metadata: { annotations: { 'deployment.kubernetes.io/revision': revision } } }, { fieldManager: MANAGER }) as Workload;
    }
    const all = [current, ...old];
    const sum = (field: string) => all.reduce((n, rs) => n + Number(rs.status?.[field] ?? 0), 0);
    const available = sum('availableReplicas');
    const updated = Number(current.status?.replicas ?? 0);
    const complete = updated === desired && available >= desired && sum('replicas') === desired;
    const previous = (d.status?.conditions as Condition[] | undefined) ?? [];
    this.setStatus(this.t.deployments, d, {
      observedGeneration: d.metadata.generation,
      replicas: sum('replicas'),
      updatedReplicas: updated,
      readyReplicas: sum('readyReplicas'),
      availableReplicas: available,
      ...(desired - available > 0 ? { unavailableReplicas: desired - available } : {}),
      conditions: [
        condition(previous, 'Available', available >= desired, available >= desired ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', available >= desired ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.'),
        condition(previous, 'Progressing', true, complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated', complete ? `ReplicaSet "${current.metadata.name}" has successfully progressed.` : `ReplicaSet "${current.metadata.name}" is progressing.`),
      ],
    });
  }

  private replicaSet(rs: Workload, pods: Pod[]): void {
    const desired = rs.spec.replicas ?? 1;
    for (let i = pods.length; i < desired; i++) this.createPod(rs, { generateName: `${rs.metadata.name}-` });
    const surplus = [...pods].sort((a, b) => Number(isReady(a)) - Number(isReady(b))).slice(0, Math.max(0, pods.length - desired));
    for (const p of surplus) this.api.delete(this.t.pods, p.metadata.namespace, p.metadata.name!);
    const remaining = pods.filter((p) => !surplus.includes(p));
    const ready = remaining.filter(isReady).length;
    this.setStatus(this.t.replicasets, rs, { replicas: remaining.length, fullyLabeledReplicas: remaining.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation });
  }

  private statefulSet(s: Workload, pods: Pod[]): void {
    const desired = s.spec.replicas ?? 1;
    const revision = `${s.metadata.name}-${templateHash(s.spec.template)}`;
    for (const p of pods) {
      const ordinal = Number(p.metadata.name!.slice(s.metadata.name!.length + 1));
      if (ordinal >= desired || p.metadata.labels?.['controller-revision-hash'] !== revision) this.api.delete(this.t.pods, p.metadata.namespace, p.metadata.name!);
    }
    for (let i = 0; i < desired; i++) {
      const name = `${s.metadata.name}-${i}`;
      if (pods.some((p) => p.metadata.name === name && p.metadata.labels?.['controller-revision-hash'] === revision)) continue;
      if (this.api.find(this.t.pods, s.metadata.namespace, name)) continue;
      this.createPod(s, { name }, { 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i) });
    }
    const current = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision && Number(p.metadata.name!.slice(s.metadata.name!.length + 1)) < desired);
    const ready = current.filter(isReady).length;
    this.setStatus(this.t.statefulsets, s, { observedGeneration: s.metadata.generation, replicas: current.length, readyReplicas: ready, currentReplicas: current.length, updatedReplicas: current.length, availableReplicas: ready, currentRevision: revision, updateRevision: revision, collisionCount: 0 });
  }

  private daemonSet(ds: Workload, pods: Pod[]): void {
    const revision = templateHash(ds.spec.template);
    const outdated = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== revision);
    for (const p of outdated) this.api.delete(this.t.pods, p.metadata.namespace, p.metadata.name!);
    const current = pods.filter((p) => !outdated.includes(p));
    if (current.length === 0) this.createPod(ds, { generateName: `${ds.metadata.name}-` }, { 'controller-revision-hash': revision, 'pod-template-generation': String(ds.metadata.generation ?? 1) });
    const ready = current.filter(isReady).length;
    this.setStatus(this.t.daemonsets, ds, { observedGeneration: ds.metadata.generation, desiredNumberScheduled: 1, currentNumberScheduled: current.length, updatedNumberScheduled: current.length, numberReady: ready, numberAvailable: ready, numberMisscheduled: 0, ...(ready < 1 ? { numberUnavailable: 1 } : {}) });
  }

  private job(job: Workload, pods: Pod[]): void {
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const labels = { 'batch.kubernetes.io/controller-uid': job.metadata.uid!, 'batch.kubernetes.io/job-name': job.metadata.name!, 'controller-uid': job.metadata.uid!, 'job-name': job.metadata.name! };
    if (pods.length === 0) this.createPod(job, { generateName: `${job.metadata.name}-` }, labels);
    const started = (job.status?.startTime as string | undefined) ?? timestamp();
    if (succeeded > 0) {
      const previous = (job.status?.conditions as Condition[] | undefined) ?? [];
      const done = (job.status?.completionTime as string | undefined) ?? timestamp();
      this.setStatus(this.t.jobs, job, { startTime: started, completionTime: done, succeeded, ready: 0, terminating: 0, uncountedTerminatedPods: {}, conditions: [condition(previous, 'SuccessCriteriaMet', true, 'CompletionsReached', 'Reached expected number of succeeded pods'), condition(previous, 'Complete', true, 'CompletionsReached', 'Reached expected number of succeeded pods')] });
    } else {
      this.setStatus(this.t.jobs, job, { startTime: started, active: Math.max(1, pods.length), ready: pods.filter(isReady).length, terminating: 0, uncountedTerminatedPods: {} });
    }
  }

  private createPod(owner: Workload, name: { name?: string; generateName?: string }, extraLabels: Record<string, string> = {}): void {
    const template = withLabels(owner.spec.template, extraLabels);
    this.api.create(this.t.pods, owner.metadata.namespace, {
      metadata: { ...name, labels: template.metadata?.labels, annotations: template.metadata?.annotations, ownerReferences: [ownerReference(owner)] },
      spec: clone(template.spec ?? {}),
    }, { fieldManager: MANAGER });
  }

  private setStatus(type: ResourceType, object: KubeObject, status: Record<string, unknown>): void {
    const current = this.api.find(type, object.metadata.namespace, object.metadata.name!);
    if (!current || JSON.stringify(current.status) === JSON.stringify(status)) return;
    this.api.update(type, object.metadata.namespace, object.metadata.name!, { ...current, status }, { subresource: 'status', fieldManager: MANAGER });
  }
}

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  reason?: string;
  message?: string;
}

/** A condition that keeps its timestamps while it does not change, so unchanged status means no write. */
function condition(previous: Condition[], type: string, value: boolean, reason: string, message: string): Condition {
  const status = value ? 'True' : 'False';
  const old = previous.find((c) => c.type === type);
  if (old && old.status === status && old.reason === reason && old.message === message) return old;
  const now = timestamp();
  return { type, status, lastUpdateTime: now, lastTransitionTime: old?.status === status ? old.lastTransitionTime : now, reason, message };
}

export function ownerReference(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

function ownedBy(object: KubeObject, owner: KubeObject): boolean {
  return object.metadata.namespace === owner.metadata.namespace && (object.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid && r.controller);
}

export function isReady(pod: KubeObject): boolean {
  const conditions = ((pod.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function withLabels(template: Template, labels: Record<string, string>): Template {
  const copy = clone(template ?? {});
  copy.metadata = { ...copy.metadata, labels: { ...copy.metadata?.labels, ...labels } };
  return copy;
}

function addMatchLabel(selector: unknown, key: string, value: string): unknown {
  const copy = isObject(selector) ? clone(selector) : {};
  copy.matchLabels = { ...(isObject(copy.matchLabels) ? copy.matchLabels : {}), [key]: value };
  return copy;
}

