import type { ClusterClient, KubeObject } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import type { CallOptions } from '../cluster/transport';
import { throwIfCancelled } from '../cancel';

/** Reports progress of a long operation, one human line per step. */
export type Progress = (message: string) => void;

/** What every lifecycle operation takes: the control plane's namespace (default `linkerd`), where progress goes, and the call options (cancellation). */
export interface LifecycleOptions {
  readonly namespace?: string;
  readonly progress: Progress;
  readonly call: CallOptions;
}

/** Waits for a condition by polling; the signal cancels, the deadline fails with `what` in the message. */
export async function waitFor(what: string, probe: () => Promise<boolean>, opts: { signal?: AbortSignal; timeoutMs: number; intervalMs?: number }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    throwIfCancelled(opts.signal);
    if (await probe()) return;
    if (Date.now() > deadline) throw new ClusterError('timeout', `Timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${what}.`, 'Look at the pods\' events and logs; re-running the operation resumes where it stopped.');
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
  }
}

/** Server-side applies objects in order, reporting each; stops at the first failure with the API's reason. */
export async function applyAll(client: ClusterClient, objects: readonly KubeObject[], progress: Progress, call: CallOptions): Promise<void> {
  for (const o of objects) {
    await client.apply(o, { force: true }, call);
    progress(`applied ${o.kind?.toLowerCase()}/${o.metadata?.name}`);
  }
}

type Crd = KubeObject & { status?: { conditions?: { type: string; status: string }[] } };

/** Waits until every CRD reports Established, so the API server serves the new kinds before we create them. */
export async function waitForCrds(client: ClusterClient, names: readonly string[], call: CallOptions, timeoutMs = 60000): Promise<void> {
  for (const name of names) {
    await waitFor(
      `CRD ${name} to be Established`,
      async () => {
        const crd = await client.tryGet<Crd>('apiextensions.k8s.io/v1', 'CustomResourceDefinition', name, undefined, call);
        return crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') === true;
      },
      { signal: call.signal, timeoutMs },
    );
  }
  client.resetDiscovery();
}

type Deployment = KubeObject & { spec?: { replicas?: number }; status?: { availableReplicas?: number; updatedReplicas?: number; observedGeneration?: number }; metadata?: KubeObject['metadata'] & { generation?: number } };

/** Waits until each deployment has all its replicas updated and available (kubectl rollout status). */
export async function waitForDeployments(client: ClusterClient, namespace: string, names: readonly string[], progress: Progress, call: CallOptions, timeoutMs = 300000): Promise<void> {
  for (const name of names) {
    await waitFor(
      `deployment ${namespace}/${name} to become available`,
      async () => {
        const d = await client.tryGet<Deployment>('apps/v1', 'Deployment', name, namespace, call);
        const want = d?.spec?.replicas ?? 1;
        return d !== undefined && (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && (d.status?.updatedReplicas ?? 0) >= want && (d.status?.availableReplicas ?? 0) >= want;
      },
      { signal: call.signal, timeoutMs },
    );
    progress(`deployment ${name} is available`);
  }
}
