import type { ClusterClient, KubeObject } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import type { CallOptions } from '../cluster/transport';
import { BUNDLED, type LinkerdRelease } from '../controlplane/catalog';
import { errorsOnly, formatProblem, validateIdentityMaterial } from '../controlplane/certs/validate';
import type { IdentityMaterial } from '../controlplane/certs/types';
import { generateWebhookCredentials } from '../controlplane/certs/webhooks';
import { renderControlPlane } from '../controlplane/manifests/controlPlane';
import { renderCrds, renderGatewayApiCrds } from '../controlplane/manifests/crds';
import { ISSUER_SECRET, TRUST_ROOTS_CONFIGMAP } from '../controlplane/manifests/identityConfig';
import type { K8sObject } from '../controlplane/manifests/meta';
import { dockerRuntimeNodes, kubeApiServerPorts } from './clusterFacts';
import { readClusterIdentity } from './clusterIdentity';
import { CORE_DEPLOYMENTS } from './controlPlaneChecks';
import { applyAll, waitForCrds, waitForDeployments, type Progress } from './steps';
import { atLeast } from './version';

export interface InstallOptions {
  readonly release?: LinkerdRelease;
  readonly namespace?: string;
  /** Called only when the cluster has no identity yet; the caller keeps the anchor key (never the cluster). */
  readonly newIdentity: () => Promise<IdentityMaterial>;
  /** Install the Gateway API route CRDs Linkerd needs when the cluster has none. */
  readonly installGatewayApi: boolean;
  readonly progress: Progress;
  readonly call: CallOptions;
  readonly deploymentTimeoutMs?: number;
}

export interface InstallResult {
  /** False when an existing identity was found and reused (a resumed or repeated install). */
  readonly createdIdentity: boolean;
  readonly gatewayApiInstalled: readonly string[];
  readonly applied: number;
}

/**
 * Installs Linkerd like `linkerd install --crds` then `linkerd install`, with server-side apply so re-running
 * after an interruption resumes: CRDs first (waiting until Established), then the control plane, then waiting
 * until every deployment is available.
 */
export async function installLinkerd(client: ClusterClient, o: InstallOptions): Promise<InstallResult> {
  const release = o.release ?? BUNDLED;
  const ns = o.namespace ?? 'linkerd';
  const { progress, call } = o;

  const version = await client.version(call);
  if (!atLeast(version.gitVersion, release.minKubernetes)) {
    throw new ClusterError('invalid', `Kubernetes ${version.gitVersion} is older than ${release.minKubernetes}, the minimum for Linkerd ${release.version}.`, 'Use a newer cluster (e.g. a recent kind or k3d node image).');
  }
  progress(`Kubernetes ${version.gitVersion} on ${client.contextName}`);

  const missingGateway: string[] = [];
  for (const name of release.gatewayApi.requiredCrds) {
    if (!(await client.tryGet('apiextensions.k8s.io/v1', 'CustomResourceDefinition', name, undefined, call))) missingGateway.push(name);
  }
  if (missingGateway.length && !o.installGatewayApi) {
    throw new ClusterError('invalid', `Gateway API CRDs are missing: ${missingGateway.join(', ')}.`, `Install Gateway API ${release.gatewayApi.recommended} first, or let Meshaware install the route CRDs.`);
  }
  const crds: KubeObject[] = [...renderGatewayApiCrds(missingGateway, { release }), ...renderCrds({ release })];
  progress(`applying ${crds.length} CRDs`);
  await applyAll(client, crds, progress, call);
  await waitForCrds(client, crds.map((c) => c.metadata?.name ?? ''), call);
  progress('CRDs established');

  const existing = await readClusterIdentity(client, ns, call);
  const identity = existing ?? (await o.newIdentity());
  const problems = errorsOnly(validateIdentityMaterial(identity));
  if (problems.length) throw new ClusterError('invalid', `The identity certificates would not work: ${problems.map(formatProblem).join('; ')}`, 'Use certificates that pass "meshaware certs" validation.');
  progress(existing ? 'reusing the identity (trust anchors and issuer) already in the cluster' : 'created a new trust anchor and issuer');

  const objects = identityFirst(renderControlPlane({
    release,
    identity,
    webhooks: await generateWebhookCredentials(ns),
    kubeApiServerPorts: await kubeApiServerPorts(client, call),
    proxyInitRunAsRoot: (await dockerRuntimeNodes(client, call)).length > 0,
  }));
  progress(`applying ${objects.length} control-plane objects`);
  await applyAll(client, objects, progress, call);
  await waitForDeployments(client, ns, CORE_DEPLOYMENTS, progress, call, o.deploymentTimeoutMs);
  progress('Linkerd control plane is ready');
  return { createdIdentity: !existing, gatewayApiInstalled: missingGateway, applied: crds.length + objects.length };
}

/**
 * The namespace, then the trust roots and the issuer, then the rest: once any identity object exists the
 * whole identity does, so an interrupted install always resumes with the anchors it started with.
 */
function identityFirst(objects: readonly K8sObject[]): K8sObject[] {
  const rank = (o: K8sObject) => (o.kind === 'Namespace' ? 0 : o.metadata.name === TRUST_ROOTS_CONFIGMAP ? 1 : o.metadata.name === ISSUER_SECRET ? 2 : 3);
  return [...objects].sort((a, b) => rank(a) - rank(b));
}
