import { INJECT_ANNOTATION } from '../inject/annotation';
import { podMeta, type PodObject } from '../traffic/pods';
import type { ClusterClient, KubeObject } from './client';
import type { CallOptions } from './transport';
import { RESTARTABLE_KINDS } from '../workloadKinds';
import { DEFAULT_CONTROL_PLANE_NAMESPACE } from '../linkerd';

/** One workload as it runs: what its pod template asks of the injector, and how many of its pods have the proxy. */
export interface LiveWorkload {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** `linkerd.io/inject` on the running pod template, as the cluster has it. */
  readonly templateInject?: string;
  readonly pods: number;
  readonly meshedPods: number;
}

/** What the cluster runs, as far as the mesh goes: enough to tell the file's state from the cluster's. */
export interface LiveMesh {
  readonly context: string;
  readonly workloads: ReadonlyMap<string, LiveWorkload>;
  /** Every namespace, with its own `linkerd.io/inject` annotation (undefined when it has none). */
  readonly namespaces: ReadonlyMap<string, { readonly inject?: string }>;
  /** Pods per namespace, all and meshed. */
  readonly podsByNamespace: ReadonlyMap<string, { readonly pods: number; readonly meshedPods: number }>;
  /** Whether Linkerd's proxy injector runs: without it, no new pod gets a proxy whatever the annotations say. */
  readonly injector: boolean;
}

export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

type Workload = KubeObject & { spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } };

/**
 * Reads namespaces, restartable workloads and pods in four list calls, for the whole cluster. The control plane in
 * `controlPlaneNs` meshes its own pods by its install, not by annotations.
 */
export async function readLiveMesh(client: ClusterClient, opts?: CallOptions, controlPlaneNs = DEFAULT_CONTROL_PLANE_NAMESPACE): Promise<LiveMesh> {
  const [namespaces, pods, ...workloadLists] = await Promise.all([
    client.list('v1', 'Namespace', {}, opts),
    client.list<PodObject>('v1', 'Pod', {}, opts),
    ...RESTARTABLE_KINDS.map(({ kind, apiVersion }) => client.list<Workload>(apiVersion, kind, {}, opts).then((l) => l.items.map((w) => ({ ...w, kind })))),
  ]);
  const counts = countPods(pods.items, controlPlaneNs);
  const workloads = new Map<string, LiveWorkload>();
  for (const w of workloadLists.flat()) {
    const namespace = w.metadata?.namespace ?? 'default';
    const name = w.metadata?.name ?? '';
    const key = workloadKey(w.kind, namespace, name);
    const count = counts.byWorkload.get(key) ?? { pods: 0, meshedPods: 0 };
    workloads.set(key, { kind: w.kind, namespace, name, templateInject: w.spec?.template?.metadata?.annotations?.[INJECT_ANNOTATION], ...count });
  }
  return {
    context: client.contextName,
    workloads,
    namespaces: new Map(namespaces.items.map((n) => [n.metadata?.name ?? '', { inject: n.metadata?.annotations?.[INJECT_ANNOTATION] }])),
    podsByNamespace: counts.byNamespace,
    injector: pods.items.some((p) => p.metadata?.namespace === controlPlaneNs && p.metadata.labels?.['linkerd.io/control-plane-component'] === 'proxy-injector' && p.status?.phase === 'Running'),
  };
}

/** Counts the pods that run (or are starting), by owning workload and by namespace; terminating pods are gone already. */
export function countPods(pods: readonly PodObject[], controlPlaneNs = DEFAULT_CONTROL_PLANE_NAMESPACE): {
  byWorkload: Map<string, { pods: number; meshedPods: number }>;
  byNamespace: Map<string, { pods: number; meshedPods: number }>;
} {
  const byWorkload = new Map<string, { pods: number; meshedPods: number }>();
  const byNamespace = new Map<string, { pods: number; meshedPods: number }>();
  const add = (map: Map<string, { pods: number; meshedPods: number }>, key: string, meshed: boolean) => {
    const c = map.get(key) ?? { pods: 0, meshedPods: 0 };
    map.set(key, { pods: c.pods + 1, meshedPods: c.meshedPods + (meshed ? 1 : 0) });
  };
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if ((phase !== 'Running' && phase !== 'Pending') || (pod.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp) continue;
    const meta = podMeta(pod, controlPlaneNs);
    add(byNamespace, meta.namespace, meta.meshed);
    if (meta.owner) add(byWorkload, workloadKey(meta.owner.kind, meta.namespace, meta.owner.name), meta.meshed);
  }
  return { byWorkload, byNamespace };
}

/** Whether the injector gives new pods of this workload a proxy: it runs, and the template's annotation (else the namespace's) asks. */
export function injectsNewPods(live: LiveMesh, w: Pick<LiveWorkload, 'namespace' | 'templateInject'>): boolean {
  if (!live.injector) return false;
  const own = w.templateInject;
  if (own !== undefined) return own === 'enabled' || own === 'ingress';
  const ns = live.namespaces.get(w.namespace)?.inject;
  return ns === 'enabled' || ns === 'ingress';
}

/**
 * The running workloads of a namespace whose pods a restart would change: those the injector would now mesh but
 * that run without the proxy, and those it would no longer mesh that still run with it. Pods change only when
 * they are re-created, so after the namespace's annotation changes these are the ones to restart.
 */
export function workloadsToRestart(live: LiveMesh, namespace: string): LiveWorkload[] {
  return [...live.workloads.values()].filter((w) => w.namespace === namespace && w.pods > 0 && needsRestart(live, w));
}

export function needsRestart(live: LiveMesh, w: LiveWorkload): boolean {
  return injectsNewPods(live, w) ? w.meshedPods < w.pods : w.meshedPods > 0;
}
