import { WORKLOAD_KINDS, type WorkloadRef } from '../workloadKinds';
import type { Labels } from './labels';

/** The labels proxy metrics name a workload by (see WORKLOAD_KINDS), on the source and the destination side. */
export const SOURCE_WORKLOAD_LABELS: readonly string[] = ['namespace', ...WORKLOAD_KINDS.map((k) => k.metricsLabel)];
export const DESTINATION_WORKLOAD_LABELS: readonly string[] = SOURCE_WORKLOAD_LABELS.map((l) => `dst_${l}`);

/** The workload a series' labels name, on the source side (`prefix` '') or the destination side (`dst_`). */
export function workloadFromLabels(labels: Labels, prefix: '' | 'dst_'): WorkloadRef | undefined {
  const namespace = labels[`${prefix}namespace`];
  if (!namespace) return undefined;
  for (const { kind, metricsLabel } of WORKLOAD_KINDS) {
    const name = labels[prefix + metricsLabel];
    if (name) return { kind, namespace, name };
  }
  return undefined;
}
