import type { KubeObject } from '../store/types';

export interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  env?: { name: string; value?: string }[];
  restartPolicy?: string;
  args?: string[];
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  nodeName?: string;
  hostNetwork?: boolean;
  restartPolicy?: string;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
}

export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: Record<string, unknown>;
}

export interface HttpReply {
  status: number;
  contentType: string;
  body: string | Buffer;
  /** Set when the body is compressed because the request's Accept-Encoding allowed it. */
  contentEncoding?: 'gzip';
}

/** Answers HTTP requests reaching one port of a simulated pod. */
export type PortHandler = (path: string, acceptEncoding?: string) => HttpReply;

/** What a kind of simulated process does inside a pod: listeners, logs, and whether it crashes. */
export interface PodBehaviour {
  listeners?(pod: Pod): Map<number, PortHandler>;
  startupLogs?(pod: Pod, container: string): string[];
  /** Why the container exits right after starting; checked again on every restart. */
  crashReason?(pod: Pod, container: string): string | undefined;
}

/** The pod's app containers plus its native sidecars (init containers that keep running). */
export function longRunningContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...spec.containers];
}

export function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/** Resolves a numeric or named container port. */
export function resolvePort(pod: Pod, port: string): number | undefined {
  if (/^\d+$/.test(port)) return Number(port);
  for (const c of allContainers(pod.spec)) {
    const found = c.ports?.find((p) => p.name === port);
    if (found) return found.containerPort;
  }
  return undefined;
}

/** The Deployment a pod belongs to, read off its ReplicaSet's name (`<deployment>-<pod-template-hash>`). */
export function deploymentOf(pod: Pod): string | undefined {
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'ReplicaSet');
  const hash = pod.metadata.labels?.['pod-template-hash'];
  return owner && hash && owner.name.endsWith(`-${hash}`) ? owner.name.slice(0, -hash.length - 1) : undefined;
}

export function isRunning(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && typeof pod.status.podIP === 'string';
}

/** When a container last (re)started, from its status; undefined unless it is running now. */
export function containerStartedAt(pod: Pod, container: string): Date | undefined {
  const status = pod.status as { containerStatuses?: { name: string; state?: { running?: { startedAt?: string } } }[]; initContainerStatuses?: { name: string; state?: { running?: { startedAt?: string } } }[] } | undefined;
  const found = [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])].find((s) => s.name === container);
  const startedAt = found?.state?.running?.startedAt;
  return startedAt ? new Date(startedAt) : undefined;
}
