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
  body: string;
}

/** Answers HTTP requests reaching one port of a simulated pod. */
export type PortHandler = (path: string) => HttpReply;

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
