import { workloadKey, type LiveMesh } from '../cluster/liveMesh';
import type { InjectionTarget } from '../inject/types';
import { meshStatus, type ClusterView, type MeshAction } from '../inject/status';
import type { TrafficSnapshot } from '../../shared/trafficProtocol';

/**
 * The facts behind the Get Started walkthrough: each step is done when its fact is true, whatever was clicked.
 * The editor turns them into context keys that the steps' `onContext:` completion events wait for.
 */
export interface WalkthroughFacts {
  /** A context is in use and its API server answered. */
  readonly contextReady: boolean;
  readonly linkerdInstalled: boolean;
  /** Some workload or namespace manifest in the workspace asks for the proxy. */
  readonly meshedInFile: boolean;
  /** Some workload outside Linkerd's own namespaces runs pods with the proxy. */
  readonly podsMeshed: boolean;
  /** The Live Traffic view has shown requests between workloads. */
  readonly trafficSeen: boolean;
}

/** Whether any manifest asks Linkerd for the proxy itself (a namespace's annotation counts for its workloads). */
export function meshedInFile(targets: Iterable<InjectionTarget>): boolean {
  for (const t of targets) if (t.state.kind === 'meshed') return true;
  return false;
}

/** Whether the app runs meshed anywhere: Linkerd's own pods are meshed by its install and do not count. */
export function podsMeshed(live: LiveMesh | undefined): boolean {
  return [...(live?.workloads.values() ?? [])].some((w) => !w.namespace.startsWith('linkerd') && w.meshedPods > 0);
}

export function trafficSeen(snapshot: TrafficSnapshot): boolean {
  return snapshot.edges.some((e) => e.requestsPerSecond !== null && e.requestsPerSecond > 0);
}

/** A workload or namespace from the workspace, where it is, and what the walkthrough can do with it. */
export interface Candidate<U> {
  readonly uri: U;
  readonly target: InjectionTarget;
  /** Its state in words, file and cluster, for the picker. */
  readonly status: string;
  readonly action?: MeshAction;
}

/**
 * Workloads the walkthrough can add to the mesh: those whose file does not ask for the proxy and that Linkerd would
 * inject, the ones running in the cluster first (meshing them shows results), then by name.
 */
export function meshCandidates<U>(files: Iterable<{ uri: U; targets: readonly InjectionTarget[] }>, cluster: ClusterView | undefined): Candidate<U>[] {
  const out: (Candidate<U> & { running: boolean })[] = [];
  for (const { uri, targets } of files) {
    for (const target of targets) {
      if (target.role !== 'workload' || target.state.kind !== 'unmeshed') continue;
      const status = meshStatus(target, cluster);
      const running = target.name !== undefined && cluster?.live?.workloads.has(workloadKey(target.kind, target.namespace ?? 'default', target.name)) === true;
      out.push({ uri, target, status: status.title, action: status.actions.find((a) => a.kind === 'add'), running });
    }
  }
  return out.sort((a, b) => Number(b.running) - Number(a.running) || (a.target.name ?? '').localeCompare(b.target.name ?? '')).map(({ running: _r, ...c }) => c);
}

/**
 * What the walkthrough can roll out: manifests that ask for the proxy while the cluster runs them otherwise, each with
 * the action that closes the gap (Apply when the cluster's object differs, Restart when only its pods are old).
 */
export function rolloutCandidates<U>(files: Iterable<{ uri: U; targets: readonly InjectionTarget[] }>, cluster: ClusterView | undefined): Candidate<U>[] {
  const out: Candidate<U>[] = [];
  for (const { uri, targets } of files) {
    for (const target of targets) {
      if (target.state.kind !== 'meshed' && target.state.kind !== 'meshedViaNamespace') continue;
      const status = meshStatus(target, cluster);
      const action = status.actions.find((a) => a.kind === 'apply' || a.kind === 'restart');
      if (action) out.push({ uri, target, status: status.title, action });
    }
  }
  return out;
}
