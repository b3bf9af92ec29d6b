import { resolveContext, type ControlPlaneInput, type RenderContext } from './context';
import { configChecksum, destinationDeployment, destinationServices } from './destination';
import { heartbeatCronJob } from './heartbeat';
import { identityDeployment, identityServices } from './identity';
import { issuerSecret, trustRootsConfigMap } from './identityConfig';
import { linkerdConfigMap } from './linkerdConfig';
import { createdBy, LABEL_CONTROL_PLANE_NS, type K8sObject } from './meta';
import { configOverridesSecret } from './overrides';
import { proxyInjectorDeployment, proxyInjectorService } from './proxyInjector';
import { destinationRbac, extensionConfigReaderRole, heartbeatRbac, identityRbac, policyRbac, proxyInjectorRbac } from './rbac';
import { policyValidatorWebhook, proxyInjectorWebhook, spValidatorWebhook, webhookSecret } from './webhooks';

/**
 * The control plane's namespace. Webhooks skip it (the injector must not inject itself) and pod security is
 * privileged because proxy-init needs NET_ADMIN and NET_RAW.
 */
function namespace(ctx: RenderContext): K8sObject {
  return {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: {
      name: ctx.namespace,
      annotations: { 'linkerd.io/inject': 'disabled' },
      labels: {
        'linkerd.io/is-control-plane': 'true',
        'config.linkerd.io/admission-webhooks': 'disabled',
        [LABEL_CONTROL_PLANE_NS]: ctx.namespace,
        'pod-security.kubernetes.io/enforce': 'privileged',
      },
    },
  };
}

/**
 * Every control-plane object, in the order `linkerd install` emits them: the namespace and RBAC first, the
 * workloads after the configuration they mount, and last the overrides Secret the linkerd CLI appends. Each
 * deployment's `checksum/config` covers the objects that carry its webhook certificates.
 */
export function renderControlPlane(input: ControlPlaneInput): K8sObject[] {
  const ctx = resolveContext(input);
  const destinationWebhooks = [webhookSecret(ctx, 'sp-validator', 'destination'), spValidatorWebhook(ctx), webhookSecret(ctx, 'policy-validator', 'destination'), policyValidatorWebhook(ctx)];
  const injectorWebhooks = [webhookSecret(ctx, 'proxy-injector', 'proxy-injector'), proxyInjectorWebhook(ctx)];
  return [
    namespace(ctx),
    ...identityRbac(ctx),
    ...destinationRbac(ctx),
    ...destinationWebhooks,
    ...policyRbac(ctx),
    ...heartbeatRbac(ctx),
    ...proxyInjectorRbac(ctx),
    ...injectorWebhooks,
    linkerdConfigMap(ctx),
    extensionConfigReaderRole(ctx, createdBy(ctx)),
    issuerSecret(ctx),
    trustRootsConfigMap(ctx),
    ...identityServices(ctx),
    identityDeployment(ctx),
    ...destinationServices(ctx),
    destinationDeployment(ctx, configChecksum(destinationWebhooks)),
    heartbeatCronJob(ctx),
    proxyInjectorDeployment(ctx, configChecksum(injectorWebhooks)),
    proxyInjectorService(ctx),
    configOverridesSecret(ctx),
  ];
}
