import type { Labels } from './labels';

/**
 * Workload kinds as they appear in proxy metrics: Prometheus's relabelling turns the injector's pod label
 * `linkerd.io/proxy-<kind>` into `<kind>` on the source side, and the destination controller sends `dst_<kind>`
 * for the destination side. Jobs are `k8s_job`, so as not to clash with Prometheus's own `job` label.
 * Ordered by precedence, for a pod that carries more than one (a ReplicaSet label next to its Deployment's).
 */
export const WORKLOAD_KINDS: ReadonlyArray<{ readonly kind: string; readonly label: string }> = [
  { kind: 'Deployment', label: 'deployment' },
  { kind: 'StatefulSet', label: 'statefulset' },
  { kind: 'DaemonSet', label: 'daemonset' },
  { kind: 'CronJob', label: 'cronjob' },
  { kind: 'Job', label: 'k8s_job' },
  { kind: 'ReplicaSet', label: 'replicaset' },
  { kind: 'ReplicationController', label: 'replicationcontroller' },
];

export const SOURCE_WORKLOAD_LABELS: readonly string[] = ['namespace', ...WORKLOAD_KINDS.map((k) => k.label)];
export const DESTINATION_WORKLOAD_LABELS: readonly string[] = SOURCE_WORKLOAD_LABELS.map((l) => `dst_${l}`);

export interface WorkloadRef {
  /** Kubernetes kind, e.g. `Deployment`. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The workload a series' labels name, on the source side (`prefix` '') or the destination side (`dst_`). */
export function workloadFromLabels(labels: Labels, prefix: '' | 'dst_'): WorkloadRef | undefined {
  const namespace = labels[`${prefix}namespace`];
  if (!namespace) return undefined;
  for (const { kind, label } of WORKLOAD_KINDS) {
    const name = labels[prefix + label];
    if (name) return { kind, namespace, name };
  }
  return undefined;
}

export function workloadId(w: WorkloadRef): string {
  return `${w.namespace}/${w.kind}/${w.name}`;
}
