import { RESTARTABLE_KINDS, restartableKind } from '../workloadKinds';
import type { CallOptions } from './transport';
import type { ClusterClient, KubeObject } from './client';
import { DEFAULT_CONTROL_PLANE_NAMESPACE, LINKERD_CONFIG } from '../linkerd';

/**
 * What `kubectl rollout restart` does: stamp the pod template, so the controller rolls new pods.
 * Needed after Add to mesh, because the injector only acts on pods created after the annotation.
 */
export async function restartWorkload(client: ClusterClient, kind: string, name: string, namespace: string, now = new Date(), opts?: CallOptions): Promise<KubeObject> {
  const apiVersion = restartableKind(kind)?.apiVersion;
  if (!apiVersion) throw new Error(`${kind} cannot be restarted; only ${RESTARTABLE_KINDS.map((k) => k.kind).join(', ')} can.`);
  const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } } };
  return client.patch(apiVersion, kind, name, namespace, patch, 'strategic', opts);
}

export interface LinkerdPresence {
  readonly installed: boolean;
  readonly version?: string;
  readonly namespace: string;
}

/** Finds Linkerd's control plane the way `linkerd check` starts: its namespace and its linkerd-config. */
export async function detectLinkerd(client: ClusterClient, namespace = DEFAULT_CONTROL_PLANE_NAMESPACE, opts?: CallOptions): Promise<LinkerdPresence> {
  const ns = await client.tryGet('v1', 'Namespace', namespace, undefined, opts);
  if (!ns) return { installed: false, namespace };
  const config = await client.tryGet<KubeObject & { data?: Record<string, string> }>('v1', 'ConfigMap', LINKERD_CONFIG, namespace, opts);
  const values = config?.data?.values ?? '';
  const version = /^\s*linkerdVersion:\s*["']?([^"'\s]+)/m.exec(values)?.[1];
  return { installed: config !== undefined, version, namespace };
}
