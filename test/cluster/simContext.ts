import { startSimulator, type Simulator, type SimulatorOptions } from '../../sim/simulator';
import { ClusterSession } from '../../src/core/cluster/session';
import type { ClusterClient } from '../../src/core/cluster/client';
import type { CertificateAndKey } from '../../src/core/controlplane/certs/types';
import type { LocalAnchor } from '../../src/core/lifecycle/installIdentity';

/** Records what the product logs, so tests can check that every request is logged and no secret is. */
export class RecordingLog {
  readonly lines: string[] = [];
  info = (m: string) => void this.lines.push(m);
  warn = (m: string) => void this.lines.push(m);
}

/** A simulated cluster and a product client that reaches it only through the kubeconfig it wrote. */
export async function simulatedCluster(options: SimulatorOptions = {}): Promise<{ sim: Simulator; client: ClusterClient; session: ClusterSession; log: RecordingLog }> {
  const sim = await startSimulator({ readinessDelayMs: 100, ...options });
  const log = new RecordingLog();
  const session = new ClusterSession(log, () => [sim.kubeconfigPath]);
  return { sim, client: await session.client(), session, log };
}

/** A context's trust-anchor store held in memory, refusing to replace an anchor as the real stores do. */
export function memoryAnchors(initial?: CertificateAndKey): LocalAnchor & { anchor?: CertificateAndKey } {
  const store: LocalAnchor & { anchor?: CertificateAndKey } = {
    anchor: initial,
    where: 'the test\'s anchor store',
    load: async () => store.anchor,
    async save(anchor) {
      if (store.anchor) throw new Error('an anchor is already stored');
      store.anchor = anchor;
    },
  };
  return store;
}

/** The cluster-scoped kinds a Linkerd install creates objects of, as [apiVersion, kind]. */
export const CLUSTER_SCOPED_KINDS: [string, string][] = [
  ['v1', 'Namespace'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'],
];
