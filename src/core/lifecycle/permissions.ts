import type { ClusterClient } from '../cluster/client';
import type { CallOptions } from '../cluster/transport';

export interface AccessQuestion {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly namespace?: string;
}

/** Asks the API server whether the current user may do something (SelfSubjectAccessReview), as `kubectl auth can-i`. */
export async function canI(client: ClusterClient, q: AccessQuestion, opts?: CallOptions): Promise<{ allowed: boolean; reason?: string }> {
  const review = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb: q.verb, group: q.group, resource: q.resource, namespace: q.namespace } },
  };
  const answer = await client.create<{ status?: { allowed?: boolean; reason?: string } }>(review, opts);
  return { allowed: answer.status?.allowed === true, reason: answer.status?.reason };
}

/** The kinds of objects `install` creates, per `linkerd check --pre`'s pre-kubernetes-setup category. */
export const INSTALL_PERMISSIONS: readonly (AccessQuestion & { readonly label: string })[] = [
  { label: 'can create non-namespaced resources (ClusterRoles)', verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  { label: 'can create CustomResourceDefinitions', verb: 'create', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' },
  { label: 'can create webhook configurations', verb: 'create', group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' },
  { label: 'can create ServiceAccounts', verb: 'create', group: '', resource: 'serviceaccounts', namespace: 'linkerd' },
  { label: 'can create Services', verb: 'create', group: '', resource: 'services', namespace: 'linkerd' },
  { label: 'can create Deployments', verb: 'create', group: 'apps', resource: 'deployments', namespace: 'linkerd' },
  { label: 'can create CronJobs', verb: 'create', group: 'batch', resource: 'cronjobs', namespace: 'linkerd' },
  { label: 'can create ConfigMaps', verb: 'create', group: '', resource: 'configmaps', namespace: 'linkerd' },
  { label: 'can create Secrets', verb: 'create', group: '', resource: 'secrets', namespace: 'linkerd' },
  { label: 'can read Secrets', verb: 'get', group: '', resource: 'secrets', namespace: 'linkerd' },
];
