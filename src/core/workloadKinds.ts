/**
 * The built-in workload kinds, stated once: where each keeps its pod template (Add to mesh), the label the
 * proxy injector puts on its pods naming the owner (linkerd2 pkg/k8s/labels.go, `linkerd.io/proxy-<kind>`),
 * the label viz's Prometheus relabelling makes of it in proxy metrics (Jobs are `k8s_job`, so as not to clash
 * with Prometheus's own `job` label), and whether `kubectl rollout restart` can re-create its pods.
 * Ordered by precedence, for a pod that carries more than one label (a ReplicaSet's next to its Deployment's).
 */
export interface WorkloadKind {
  readonly kind: string;
  readonly apiVersion: string;
  /** Path from the object to its pod template. */
  readonly podTemplate: readonly string[];
  readonly ownerLabel: string;
  readonly metricsLabel: string;
  readonly restartable: boolean;
}

const TEMPLATE = ['spec', 'template'] as const;

export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  { kind: 'Deployment', apiVersion: 'apps/v1', podTemplate: TEMPLATE, ownerLabel: 'linkerd.io/proxy-deployment', metricsLabel: 'deployment', restartable: true },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', podTemplate: TEMPLATE, ownerLabel: 'linkerd.io/proxy-statefulset', metricsLabel: 'statefulset', restartable: true },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', podTemplate: TEMPLATE, ownerLabel: 'linkerd.io/proxy-daemonset', metricsLabel: 'daemonset', restartable: true },
  { kind: 'CronJob', apiVersion: 'batch/v1', podTemplate: ['spec', 'jobTemplate', 'spec', 'template'], ownerLabel: 'linkerd.io/proxy-cronjob', metricsLabel: 'cronjob', restartable: false },
  { kind: 'Job', apiVersion: 'batch/v1', podTemplate: TEMPLATE, ownerLabel: 'linkerd.io/proxy-job', metricsLabel: 'k8s_job', restartable: false },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', podTemplate: TEMPLATE, ownerLabel: 'linkerd.io/proxy-replicaset', metricsLabel: 'replicaset', restartable: false },
  { kind: 'ReplicationController', apiVersion: 'v1', podTemplate: TEMPLATE, ownerLabel: 'linkerd.io/proxy-replicationcontroller', metricsLabel: 'replicationcontroller', restartable: false },
];

const BY_KIND = new Map(WORKLOAD_KINDS.map((k) => [k.kind, k]));

/** The built-in workload kind named `kind`, or undefined for Pods, Namespaces and custom kinds. */
export function workloadKind(kind: string): WorkloadKind | undefined {
  return BY_KIND.get(kind);
}

/** The kinds `kubectl rollout restart` re-creates pods of. */
export const RESTARTABLE_KINDS: readonly WorkloadKind[] = WORKLOAD_KINDS.filter((k) => k.restartable);

/** The restartable kind named `kind`, or undefined. */
export function restartableKind(kind: string): WorkloadKind | undefined {
  const k = BY_KIND.get(kind);
  return k?.restartable ? k : undefined;
}

/** Whether `kubectl rollout restart` can re-create the pods of `kind`. */
export function isRestartable(kind: string): boolean {
  return restartableKind(kind) !== undefined;
}

/** A workload as every layer names it (the metrics, the cluster, the workspace and the panel's protocol). */
export interface WorkloadRef {
  /** Kubernetes kind, e.g. `Deployment`. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The stable key of a workload: `namespace/kind/name`. */
export function workloadId(w: WorkloadRef): string {
  return `${w.namespace}/${w.kind}/${w.name}`;
}
