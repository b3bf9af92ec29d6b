// Pod metadata and proxy metrics read through the Kubernetes API, for the proxy-scraping traffic source.
import type { ClusterClient, KubeObject } from '../cluster/client';
import type { CallOptions, OpenSink } from '../cluster/transport';
import type { PodMeta } from '../metrics/model';
import { ADMIN_PORT } from '../metrics/relabel';
import { WORKLOAD_KINDS } from '../workloadKinds';
import { CONTROL_PLANE_NS_LABEL, PROXY_CONTAINER } from '../linkerd';
import { LABEL_COMPONENT } from '../controlplane/manifests/meta';

interface Container {
  name?: string;
  env?: { name?: string; value?: string }[];
}

export interface PodObject extends KubeObject {
  metadata?: KubeObject['metadata'] & { ownerReferences?: { kind?: string; name?: string; controller?: boolean }[] };
  spec?: { serviceAccountName?: string; containers?: Container[]; initContainers?: Container[] };
  status?: { phase?: string; podIP?: string };
}

/** The top-level owner: the injector's label when meshed, else the controller reference (ReplicaSet → Deployment). */
export function ownerOf(pod: PodObject): PodMeta['owner'] {
  const labels = pod.metadata?.labels ?? {};
  for (const { kind, ownerLabel } of WORKLOAD_KINDS) if (labels[ownerLabel]) return { kind, name: labels[ownerLabel] };
  const ref = pod.metadata?.ownerReferences?.find((r) => r.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!ref?.kind || !ref.name) return undefined;
  const hash = labels['pod-template-hash'];
  if (ref.kind === 'ReplicaSet' && hash && ref.name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: ref.name.slice(0, -hash.length - 1) };
  return { kind: ref.kind, name: ref.name };
}

function proxyContainer(pod: PodObject): Container | undefined {
  // Native sidecars (the default since Linkerd 2.20) put the proxy among the init containers.
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === PROXY_CONTAINER);
}

/** The proxy's identity as `linkerd viz edges` resolves it: its identity env with the pod's account and namespace. */
export function identityOf(pod: PodObject): string | undefined {
  const value = proxyContainer(pod)?.env?.find((e) => e.name === 'LINKERD2_PROXY_IDENTITY_LOCAL_NAME')?.value;
  if (!value) return undefined;
  const sa = pod.spec?.serviceAccountName ?? 'default';
  return value.replace(/\$\(_pod_sa\)/g, sa).replace(/\$\(_pod_ns\)/g, pod.metadata?.namespace ?? 'default');
}

export function podMeta(pod: PodObject, controlPlaneNs: string): PodMeta {
  const labels = pod.metadata?.labels ?? {};
  const meshed = proxyContainer(pod) !== undefined && labels[CONTROL_PLANE_NS_LABEL] === controlPlaneNs;
  return {
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    labels,
    owner: ownerOf(pod),
    meshed,
    identity: meshed ? identityOf(pod) : undefined,
    ip: pod.status?.podIP,
  };
}

/**
 * Namespaces holding Linkerd's control plane or an extension's components: their pods carry the control plane's
 * component label, or the extension label viz puts on its pods and namespace (linkerd2 viz/charts/linkerd-viz).
 */
export function systemNamespaces(pods: readonly PodMeta[]): string[] {
  const system = pods.filter((p) => p.labels[LABEL_COMPONENT] !== undefined || p.labels['linkerd.io/extension'] !== undefined);
  return [...new Set(system.map((p) => p.namespace))].sort();
}

/** Running and pending pods are the ones viz's Prometheus job selects; finished ones have no traffic. */
export function isListedPhase(pod: PodObject): boolean {
  return pod.status?.phase === 'Running' || pod.status?.phase === 'Pending';
}

/** Running and pending pods in the cluster (or one namespace). */
export async function listPods(client: ClusterClient, controlPlaneNs: string, namespace?: string, opts?: CallOptions): Promise<PodMeta[]> {
  const list = await client.list<PodObject>('v1', 'Pod', { namespace }, opts);
  return list.items.filter(isListedPhase).map((p) => podMeta(p, controlPlaneNs));
}

/**
 * One proxy's /metrics through the API server's pod proxy (subject to the admin port's authorization policy),
 * streamed to the sink `open` returns as it arrives.
 */
export function scrapeProxy(client: ClusterClient, pod: Pick<PodMeta, 'namespace' | 'name'>, open: OpenSink, opts?: CallOptions): Promise<void> {
  const path = `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}:${ADMIN_PORT}/proxy/metrics`;
  // The proxy gzips /metrics when asked (linkerd2-proxy linkerd/metrics/src/serve.rs), and the API server's proxy passes it through.
  return client.stream(path, `the proxy metrics of pod "${pod.name}" in namespace "${pod.namespace}"`, open, { ...opts, gzip: true });
}
