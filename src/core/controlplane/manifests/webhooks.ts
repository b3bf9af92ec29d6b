import { webhookService, type WebhookName } from '../certs/webhooks';
import type { RenderContext } from './context';
import { base64Pem, createdBy, meta, type K8sObject } from './meta';
import { GATEWAY_ROUTE_RESOURCES, POLICY_RESOURCES } from './rbac';

const ADMISSION = 'admissionregistration.k8s.io/v1';
/** Namespaces labelled like this (the control plane's own included) are never sent to the webhooks. */
export const VALIDATOR_NAMESPACE_SELECTOR = { matchExpressions: [{ key: 'config.linkerd.io/admission-webhooks', operator: 'NotIn', values: ['disabled'] }] };
/** Injection also skips kube-system and cert-manager: meshing them can deadlock a cluster. */
export const INJECTOR_NAMESPACE_SELECTOR = {
  matchExpressions: [...VALIDATOR_NAMESPACE_SELECTOR.matchExpressions, { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'cert-manager'] }],
};

/** The `kubernetes.io/tls` Secret a webhook container mounts its serving certificate from. */
export function webhookSecretName(name: WebhookName): string {
  return `linkerd-${name}-k8s-tls`;
}

export function webhookSecret(ctx: RenderContext, name: WebhookName, component: string): K8sObject {
  const server = ctx.webhooks.servers[name];
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: meta(ctx, webhookSecretName(name), { component, annotations: createdBy(ctx) }),
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': base64Pem(server.certPem), 'tls.key': base64Pem(server.keyPem) },
  };
}

interface WebhookRule {
  operations: string[];
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  scope?: string;
}

function webhook(ctx: RenderContext, name: WebhookName, namespaceSelector: object, rules: WebhookRule[], extra: object = {}): object {
  return {
    name: `linkerd-${name}.linkerd.io`,
    namespaceSelector,
    clientConfig: {
      service: { name: webhookService(name), namespace: ctx.namespace, path: '/' },
      caBundle: base64Pem(ctx.webhooks.caBundlePem),
    },
    // A broken webhook must not stop the cluster from scheduling pods: admission goes on without it.
    failurePolicy: 'Ignore',
    admissionReviewVersions: ['v1', 'v1beta1'],
    rules,
    sideEffects: 'None',
    ...extra,
  };
}

export function spValidatorWebhook(ctx: RenderContext): K8sObject {
  return {
    apiVersion: ADMISSION,
    kind: 'ValidatingWebhookConfiguration',
    metadata: meta(ctx, 'linkerd-sp-validator-webhook-config', { component: 'destination', clusterScoped: true }),
    webhooks: [webhook(ctx, 'sp-validator', VALIDATOR_NAMESPACE_SELECTOR, [
      { operations: ['CREATE', 'UPDATE'], apiGroups: ['linkerd.io'], apiVersions: ['v1alpha1', 'v1alpha2'], resources: ['serviceprofiles'] },
    ])],
  };
}

export function policyValidatorWebhook(ctx: RenderContext): K8sObject {
  const rule = (group: string, resources: string[]): WebhookRule => ({ operations: ['CREATE', 'UPDATE'], apiGroups: [group], apiVersions: ['*'], resources });
  return {
    apiVersion: ADMISSION,
    kind: 'ValidatingWebhookConfiguration',
    metadata: meta(ctx, 'linkerd-policy-validator-webhook-config', { component: 'destination', clusterScoped: true }),
    webhooks: [webhook(ctx, 'policy-validator', VALIDATOR_NAMESPACE_SELECTOR, [
      rule('policy.linkerd.io', POLICY_RESOURCES),
      rule('gateway.networking.k8s.io', GATEWAY_ROUTE_RESOURCES),
    ])],
  };
}

export function proxyInjectorWebhook(ctx: RenderContext): K8sObject {
  return {
    apiVersion: ADMISSION,
    kind: 'MutatingWebhookConfiguration',
    metadata: meta(ctx, 'linkerd-proxy-injector-webhook-config', { component: 'proxy-injector', clusterScoped: true }),
    webhooks: [webhook(ctx, 'proxy-injector', INJECTOR_NAMESPACE_SELECTOR, [
      { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'services'], scope: 'Namespaced' },
    ], { timeoutSeconds: 10 })],
  };
}
