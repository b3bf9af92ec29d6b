import type { RenderContext } from './context';
import { CONTROLLER, PORTS } from './defaults';
import { LINKERD_CONFIG } from './linkerdConfig';
import { TRUST_ROOTS_CONFIGMAP } from './identityConfig';
import type { K8sObject } from './meta';
import { componentService, controllerContainer, controlPlaneDeployment, kubeApiAccessVolume } from './pod';
import { controlPlaneProxy, controlPlaneProxyVolumes } from './controlPlaneProxy';
import { webhookSecretName } from './webhooks';

/** Webhook traffic is TLS the proxy cannot read, so it is marked opaque rather than protocol-detected. */
const OPAQUE = 'config.linkerd.io/opaque-ports';

/** The injector reads linkerd-config's values to build each injected proxy, and copies in the trust roots. */
export function proxyInjectorDeployment(ctx: RenderContext, checksum: string): K8sObject {
  const injector = controllerContainer(ctx, {
    name: 'proxy-injector',
    args: ['proxy-injector', `-log-level=${CONTROLLER.logLevel}`, `-log-format=${CONTROLLER.logFormat}`, `-linkerd-namespace=${ctx.namespace}`, '-enable-pprof=false'],
    ports: [
      { containerPort: PORTS.injectorWebhook, name: 'proxy-injector' },
      { containerPort: PORTS.injectorAdmin, name: 'injector-admin' },
    ],
    adminPort: PORTS.injectorAdmin,
    volumeMounts: [
      { mountPath: '/var/run/linkerd/config', name: 'config' },
      { mountPath: '/var/run/linkerd/identity/trust-roots', name: 'trust-roots' },
      { mountPath: '/var/run/linkerd/tls', name: 'tls', readOnly: true },
    ],
  });
  const { proxy, init, native } = controlPlaneProxy(ctx, 'proxy-injector', [injector]);
  return controlPlaneDeployment(ctx, {
    component: 'proxy-injector',
    componentOnlySelector: true,
    leadingAnnotations: { 'checksum/config': checksum },
    trailingAnnotations: { [OPAQUE]: String(PORTS.injectorWebhook) },
    containers: native ? [injector] : [proxy, injector],
    initContainers: native ? [init, proxy] : [init],
    volumes: [
      { configMap: { name: LINKERD_CONFIG }, name: 'config' },
      { configMap: { name: TRUST_ROOTS_CONFIGMAP }, name: 'trust-roots' },
      { name: 'tls', secret: { secretName: webhookSecretName('proxy-injector') } },
      kubeApiAccessVolume(),
      ...controlPlaneProxyVolumes(),
    ],
  });
}

export function proxyInjectorService(ctx: RenderContext): K8sObject {
  return componentService(ctx, 'linkerd-proxy-injector', 'proxy-injector', { name: 'proxy-injector', port: 443, targetPort: 'proxy-injector' }, { annotations: { [OPAQUE]: '443' } });
}
