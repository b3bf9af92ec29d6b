import type { ClusterClient, KubeObject } from '../cluster/client';
import type { CallOptions } from '../cluster/transport';

type Service = KubeObject & { spec?: { ports?: { port: number; targetPort?: number | string }[] } };

/**
 * The API server's ports, from the `default/kubernetes` Service, as `linkerd install` reads them: proxy-init
 * must skip them or the control plane cannot reach the API through its own proxy.
 */
export async function kubeApiServerPorts(client: ClusterClient, call: CallOptions): Promise<string | undefined> {
  const svc = await client.tryGet<Service>('v1', 'Service', 'kubernetes', 'default', call);
  const ports = new Set<number>();
  for (const p of svc?.spec?.ports ?? []) {
    ports.add(p.port);
    if (typeof p.targetPort === 'number') ports.add(p.targetPort);
  }
  return ports.size ? [...ports].sort((a, b) => a - b).join(',') : undefined;
}

type NodeObject = KubeObject & { status?: { nodeInfo?: { containerRuntimeVersion?: string } } };

/** Nodes whose container runtime is Docker, where proxy-init must run as root (linkerd's docker-runtime rule). */
export async function dockerRuntimeNodes(client: ClusterClient, call: CallOptions): Promise<string[]> {
  const nodes = await client.list<NodeObject>('v1', 'Node', {}, call);
  return nodes.items.filter((n) => n.status?.nodeInfo?.containerRuntimeVersion?.startsWith('docker:')).map((n) => n.metadata?.name ?? '?');
}
