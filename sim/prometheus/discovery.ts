// What Prometheus's kubernetes_sd (role: pod) would discover in the simulated cluster, written as file_sd
// target groups: one group per container port, carrying the same `__meta_kubernetes_*` labels, so that
// viz's relabelling (config.ts) runs in the real Prometheus on the same input it sees in a real cluster.
import { allContainers, type Pod } from '../cluster/podTypes';
import { isReady } from '../cluster/workloads';

export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

const META = '__meta_kubernetes_';

/** Kubernetes label names may hold `.`, `/` and `-`; Prometheus label names may not. */
function sanitize(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** Annotations are left out: viz's rules never read them, and on a 1,000-pod cluster they cost Prometheus memory. */
function podLabels(pod: Pod): Record<string, string> {
  const out: Record<string, string> = {
    [`${META}namespace`]: pod.metadata.namespace ?? '',
    [`${META}pod_name`]: pod.metadata.name ?? '',
    [`${META}pod_ip`]: String(pod.status?.podIP ?? ''),
    [`${META}pod_uid`]: pod.metadata.uid ?? '',
    [`${META}pod_node_name`]: pod.spec.nodeName ?? '',
    [`${META}pod_phase`]: String(pod.status?.phase ?? ''),
    [`${META}pod_ready`]: String(isReady(pod)),
  };
  for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
    out[`${META}pod_label_${sanitize(k)}`] = v;
    out[`${META}pod_labelpresent_${sanitize(k)}`] = 'true';
  }
  const controller = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (controller) {
    out[`${META}pod_controller_kind`] = controller.kind;
    out[`${META}pod_controller_name`] = controller.name;
  }
  return out;
}

/**
 * The targets of every pod that has an IP and is Pending or Running (kubernetes_sd leaves finished pods
 * out), addressed by pod IP and container port as on a real pod network.
 */
export function podTargets(pods: readonly Pod[]): TargetGroup[] {
  const groups: TargetGroup[] = [];
  for (const pod of pods) {
    const phase = pod.status?.phase;
    const ip = pod.status?.podIP;
    if ((phase !== 'Running' && phase !== 'Pending') || typeof ip !== 'string' || !ip) continue;
    const common = podLabels(pod);
    const init = new Set((pod.spec.initContainers ?? []).map((c) => c.name));
    for (const container of allContainers(pod.spec)) {
      for (const port of container.ports ?? []) {
        groups.push({
          targets: [`${ip}:${port.containerPort}`],
          labels: {
            ...common,
            [`${META}pod_container_name`]: container.name,
            [`${META}pod_container_image`]: container.image ?? '',
            [`${META}pod_container_init`]: String(init.has(container.name)),
            [`${META}pod_container_port_name`]: port.name ?? '',
            [`${META}pod_container_port_number`]: String(port.containerPort),
            [`${META}pod_container_port_protocol`]: port.protocol ?? 'TCP',
          },
        });
      }
    }
  }
  return groups;
}
