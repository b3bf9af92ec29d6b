import type { ClusterClient, KubeObject } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import type { CallOptions } from '../cluster/transport';
import { BUNDLED, type LinkerdRelease } from '../controlplane/catalog';
import { generateIdentityCredentials, issueIssuer } from '../controlplane/certs/identity';
import type { IdentityMaterial } from '../controlplane/certs/types';
import { errorsOnly, formatProblem, validateIdentityMaterial } from '../controlplane/certs/validate';
import { generateWebhookCredentials } from '../controlplane/certs/webhooks';
import { TRUST_ROOTS_CONFIGMAP, TRUST_ROOTS_KEY } from '../controlplane/manifests/identityConfig';
import { renderInstall } from '../controlplane/manifests/installManifests';
import { dockerRuntimeNodes, kubeApiServerPorts } from './clusterFacts';
import { readClusterIdentity } from './clusterIdentity';
import { CORE_DEPLOYMENTS } from './controlPlaneChecks';
import { planIdentity, type IdentityChoice, type IdentityPlan, type LocalAnchor } from './installIdentity';
import { canI } from './permissions';
import { applyAll, waitForCrds, waitForDeployments, type Progress } from './steps';
import { atLeast } from './version';

/** The steps of an install, in order; each is idempotent, so a re-run resumes after the last one done. */
export const INSTALL_STEPS = ['preconditions', 'local trust anchor', 'CRDs', 'CRDs established', 'identity', 'control plane', 'ready'] as const;
export type InstallStep = (typeof INSTALL_STEPS)[number];

export interface InstallOptions {
  readonly release?: LinkerdRelease;
  readonly namespace?: string;
  /** Where the context's trust anchor is kept; an install reuses one that is there. */
  readonly anchors: LocalAnchor;
  /** Which anchor to keep when the cluster trusts another one than the stored one (asked for, never assumed). */
  readonly identityChoice?: IdentityChoice;
  /** Install the Gateway API route CRDs Linkerd needs when the cluster has none. */
  readonly installGatewayApi: boolean;
  readonly progress: Progress;
  /** Called as each step starts. */
  readonly step?: (step: InstallStep) => void;
  readonly call: CallOptions;
  readonly deploymentTimeoutMs?: number;
}

export interface InstallResult {
  /** How the identity was obtained, with its reason in words. */
  readonly identity: IdentityPlan['kind'];
  readonly gatewayApiInstalled: readonly string[];
  readonly applied: number;
}

/** What install creates and changes, asked of the API server before anything is changed. */
const WRITES: readonly { group: string; resource: string; namespaced: boolean }[] = [
  { group: '', resource: 'namespaces', namespaced: false },
  { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', namespaced: false },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', namespaced: false },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', namespaced: false },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', namespaced: false },
  { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', namespaced: false },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', namespaced: true },
  { group: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespaced: true },
  { group: '', resource: 'serviceaccounts', namespaced: true },
  { group: '', resource: 'services', namespaced: true },
  { group: '', resource: 'configmaps', namespaced: true },
  { group: '', resource: 'secrets', namespaced: true },
  { group: 'apps', resource: 'deployments', namespaced: true },
  { group: 'batch', resource: 'cronjobs', namespaced: true },
];

/** The writes this user may not do (server-side apply creates with `create` and changes with `patch`). */
async function missingPermissions(client: ClusterClient, ns: string, call: CallOptions): Promise<string[]> {
  const missing: string[] = [];
  for (const w of WRITES) {
    for (const verb of ['create', 'patch']) {
      const answer = await canI(client, { verb, group: w.group, resource: w.resource, namespace: w.namespaced ? ns : undefined }, call).catch(() => ({ allowed: true }));
      if (!answer.allowed) missing.push(`${verb} ${w.resource}${w.group ? `.${w.group}` : ''}${w.namespaced ? ` in namespace "${ns}"` : ''}`);
    }
  }
  return missing;
}

type Crd = KubeObject & { metadata?: KubeObject['metadata'] & { labels?: Record<string, string> } };

/**
 * Installs Linkerd like `linkerd install --crds` then `linkerd install`, resumable from any point: everything
 * that could refuse the install (Kubernetes version, Gateway API CRDs, permissions, a trust-anchor conflict)
 * is checked before the cluster or the local anchor store changes; a new trust anchor is stored locally
 * before it reaches the cluster; every object is server-side applied, so a re-run after a kill or a failed
 * request applies the same objects again and goes on.
 */
export async function installLinkerd(client: ClusterClient, o: InstallOptions): Promise<InstallResult> {
  const release = o.release ?? BUNDLED;
  const ns = o.namespace ?? 'linkerd';
  const { progress, call } = o;
  const step = (s: InstallStep) => {
    if (call.signal?.aborted) throw new ClusterError('cancelled', 'Cancelled.', '');
    o.step?.(s);
  };

  step('preconditions');
  const version = await client.version(call);
  if (!atLeast(version.gitVersion, release.minKubernetes)) {
    throw new ClusterError('invalid', `Kubernetes ${version.gitVersion} is older than ${release.minKubernetes}, the minimum for Linkerd ${release.version}.`, 'Use a newer cluster (e.g. a recent kind or k3d node image).');
  }
  progress(`Kubernetes ${version.gitVersion} on ${client.contextName}`);
  const gateway = await gatewayApiPlan(client, release, o.installGatewayApi, call);
  const denied = await missingPermissions(client, ns, call);
  if (denied.length) {
    throw new ClusterError('forbidden', `You may not install Linkerd in context "${client.contextName}": not allowed to ${denied.join(', ')}.`, 'Ask a cluster admin for these RBAC permissions, or use an admin context (local clusters give you one). Nothing was changed.');
  }
  const clusterIdentity = await readClusterIdentity(client, ns, call);
  const roots = clusterIdentity ? undefined : await client.tryGet<KubeObject & { data?: Record<string, string> }>('v1', 'ConfigMap', TRUST_ROOTS_CONFIGMAP, ns, call);
  const plan = planIdentity({ identity: clusterIdentity, trustAnchorsPem: roots?.data?.[TRUST_ROOTS_KEY] }, await o.anchors.load(), o.anchors.where, client.contextName, o.identityChoice);
  const facts = { kubeApiServerPorts: await kubeApiServerPorts(client, call), proxyInitRunAsRoot: (await dockerRuntimeNodes(client, call)).length > 0 };

  step('local trust anchor');
  const identity = await identityFor(plan, o.anchors);
  const problems = errorsOnly(validateIdentityMaterial(identity));
  if (problems.length) throw new ClusterError('invalid', `The identity certificates would not work: ${problems.map(formatProblem).join('; ')}`, `Replace the trust anchor in ${o.anchors.where} with one that passes "meshaware certs" validation.`);
  progress(plan.message);

  const manifests = renderInstall({ release, identity, webhooks: await generateWebhookCredentials(ns), ...facts, withGatewayApi: gateway.install });
  step('CRDs');
  progress(`applying ${manifests.crds.length} CRDs`);
  await applyAll(client, manifests.crds, progress, call);
  step('CRDs established');
  await waitForCrds(client, manifests.crds.map((c) => c.metadata.name), call);
  progress('CRDs established');

  const identityObjects = manifests.controlPlane.filter((x) => x.kind === 'Namespace' || x.metadata.name === TRUST_ROOTS_CONFIGMAP || x.metadata.name === 'linkerd-identity-issuer');
  step('identity');
  await applyAll(client, identityObjects, progress, call);
  step('control plane');
  const rest = manifests.controlPlane.filter((x) => !identityObjects.includes(x));
  progress(`applying ${rest.length} more control-plane objects`);
  await applyAll(client, rest, progress, call);
  step('ready');
  await waitForDeployments(client, ns, CORE_DEPLOYMENTS, progress, call, o.deploymentTimeoutMs);
  progress('Linkerd control plane is ready');
  return { identity: plan.kind, gatewayApiInstalled: gateway.install ? release.gatewayApi.bundled.crds : [], applied: manifests.crds.length + manifests.controlPlane.length };
}

/**
 * Like linkerd's CLI: with no Gateway API route CRD in the cluster, install the bundled set (unless told
 * not to); with some present, install none (someone else owns them), and require the ones Linkerd reads.
 * CRDs an earlier run of ours installed are ours to re-apply.
 */
export async function gatewayApiPlan(client: ClusterClient, release: LinkerdRelease, allowed: boolean, call: CallOptions): Promise<{ install: boolean }> {
  const present: Crd[] = [];
  for (const name of release.gatewayApi.bundled.crds) {
    const crd = await client.tryGet<Crd>('apiextensions.k8s.io/v1', 'CustomResourceDefinition', name, undefined, call);
    if (crd) present.push(crd);
  }
  const ours = present.length > 0 && present.every((c) => c.metadata?.labels?.['linkerd.io/control-plane-ns'] !== undefined);
  if (present.length === 0 || ours) {
    if (allowed) return { install: true };
    if (ours) return { install: false };
    throw new ClusterError('invalid', `Gateway API CRDs are missing: ${release.gatewayApi.requiredCrds.join(', ')}.`, `Install Gateway API ${release.gatewayApi.recommended} first, or let Meshaware install the route CRDs.`);
  }
  const missing = release.gatewayApi.requiredCrds.filter((n) => !present.some((c) => c.metadata?.name === n));
  if (missing.length) {
    throw new ClusterError(
      'invalid',
      `The cluster has Gateway API CRDs installed by someone else, but not ${missing.join(', ')}, which Linkerd ${release.version} needs.`,
      `Upgrade that Gateway API install to ${release.gatewayApi.recommended} or later (Meshaware does not mix its own route CRDs with another installation's). Nothing was changed.`,
    );
  }
  return { install: false };
}

/** Carries out the identity plan: only `create` writes anything (the new anchor, locally, before the cluster sees it). */
async function identityFor(plan: IdentityPlan, anchors: LocalAnchor): Promise<IdentityMaterial> {
  switch (plan.kind) {
    case 'reuse-cluster':
      return plan.identity;
    case 'from-local':
      return { trustAnchorsPem: plan.anchor.certPem, issuer: await issueIssuer(plan.anchor) };
    case 'create': {
      const creds = await generateIdentityCredentials();
      await anchors.save(creds.trustAnchor);
      return { trustAnchorsPem: creds.trustAnchor.certPem, issuer: creds.issuer };
    }
  }
}
