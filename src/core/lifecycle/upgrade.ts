import type { ClusterClient, KubeObject } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import type { CallOptions } from '../cluster/transport';
import { BUNDLED, type LinkerdRelease } from '../controlplane/catalog';
import { generateWebhookCredentials } from '../controlplane/certs/webhooks';
import { renderInstall } from '../controlplane/manifests/installManifests';
import { dockerRuntimeNodes, kubeApiServerPorts } from './clusterFacts';
import { readClusterIdentity } from './clusterIdentity';
import { CORE_DEPLOYMENTS, staleProxyWorkloads, type StaleWorkload } from './controlPlaneChecks';
import { gatewayApiPlan } from './install';
import { applyAll, waitForCrds, waitForDeployments, type LifecycleOptions } from './steps';
import type { PodObject } from '../traffic/pods';
import { CONTROL_PLANE_NS_LABEL, DEFAULT_CONTROL_PLANE_NAMESPACE } from '../linkerd';

/** A meshed workload whose pods still run another proxy version and need a restart to pick up the new one. */
export type WorkloadToRestart = StaleWorkload;

export interface UpgradeResult {
  readonly pruned: readonly string[];
  readonly restartNeeded: readonly WorkloadToRestart[];
}

/** Kinds we render and may therefore prune when a new release no longer has an object. */
const PRUNABLE: readonly [string, string, boolean][] = [
  ['apps/v1', 'Deployment', true],
  ['v1', 'Service', true],
  ['v1', 'ConfigMap', true],
  ['v1', 'ServiceAccount', true],
  ['batch/v1', 'CronJob', true],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', false],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', false],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', false],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', false],
];

/**
 * Upgrades to the bundled release as `linkerd upgrade --crds`, `linkerd upgrade` and `linkerd prune` do,
 * keeping the identity in the cluster and renewing the webhook certificates; then reports the meshed
 * workloads whose proxies are now outdated.
 */
export async function upgradeLinkerd(client: ClusterClient, o: LifecycleOptions & { release?: LinkerdRelease; deploymentTimeoutMs?: number }): Promise<UpgradeResult> {
  const release = o.release ?? BUNDLED;
  const ns = o.namespace ?? DEFAULT_CONTROL_PLANE_NAMESPACE;
  const { progress, call } = o;
  const identity = await readClusterIdentity(client, ns, call);
  if (!identity) throw new ClusterError('notFound', `Linkerd's identity is not in namespace "${ns}".`, 'Linkerd is not installed here (or is incomplete): run "Install Linkerd" instead.');

  // The Gateway API route CRDs are upgraded with Linkerd's when they are ours, and added when the cluster has none.
  const gateway = await gatewayApiPlan(client, release, true, call);
  const { crds, controlPlane: objects } = renderInstall({
    release,
    identity,
    webhooks: await generateWebhookCredentials(ns),
    kubeApiServerPorts: await kubeApiServerPorts(client, call),
    proxyInitRunAsRoot: (await dockerRuntimeNodes(client, call)).length > 0,
    withGatewayApi: gateway.install,
  });
  await applyAll(client, crds, progress, call);
  await waitForCrds(client, crds.map((c) => c.metadata.name), call);
  progress(`applying ${objects.length} control-plane objects for ${release.edge}`);
  await applyAll(client, objects, progress, call);

  const wanted = new Set(objects.map((x) => `${x.kind}/${x.metadata.namespace ?? ''}/${x.metadata.name}`));
  const pruned: string[] = [];
  for (const [apiVersion, kind, namespaced] of PRUNABLE) {
    const list = await client.list(apiVersion, kind, { labelSelector: `${CONTROL_PLANE_NS_LABEL}=${ns}`, namespace: namespaced ? ns : undefined }, call);
    for (const item of list.items as KubeObject[]) {
      const key = `${kind}/${namespaced ? (item.metadata?.namespace ?? '') : ''}/${item.metadata?.name}`;
      if (wanted.has(key) || !item.metadata?.name) continue;
      await client.delete(apiVersion, kind, item.metadata.name, namespaced ? ns : undefined, call);
      pruned.push(`${kind.toLowerCase()}/${item.metadata.name}`);
      progress(`pruned ${kind.toLowerCase()}/${item.metadata.name}`);
    }
  }
  await waitForDeployments(client, ns, ['linkerd-identity', ...CORE_DEPLOYMENTS.filter((d) => d !== 'linkerd-identity')], progress, call, o.deploymentTimeoutMs);
  return { pruned, restartNeeded: await workloadsToRestart(client, ns, release.edge, call) };
}

/** Meshed workloads (outside the control plane) with pods whose proxy is not `edge`, named by their owner. */
export async function workloadsToRestart(client: ClusterClient, ns: string, edge: string, call: CallOptions): Promise<WorkloadToRestart[]> {
  const pods = await client.list<PodObject>('v1', 'Pod', { labelSelector: CONTROL_PLANE_NS_LABEL }, call);
  return staleProxyWorkloads(pods.items.filter((p) => p.metadata?.namespace !== ns), edge);
}
