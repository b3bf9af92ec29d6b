import type { RenderContext } from './context';
import { CONTROLLER, IDENTITY, PORTS } from './defaults';
import { ISSUER_SECRET, TRUST_ROOTS_CONFIGMAP } from './identityConfig';
import type { K8sObject } from './meta';
import { componentService, controllerContainer, controlPlaneDeployment, kubeApiAccessVolume } from './pod';
import { controlPlaneProxy, controlPlaneProxyVolumes } from './controlPlaneProxy';

const GRPC = { name: 'grpc', port: PORTS.identityGrpc, targetPort: PORTS.identityGrpc };

export function identityServices(ctx: RenderContext): K8sObject[] {
  return [
    componentService(ctx, 'linkerd-identity', 'identity', GRPC),
    componentService(ctx, 'linkerd-identity-headless', 'identity', GRPC, { headless: true }),
  ];
}

/**
 * The identity controller signs every proxy's certificate. Its own proxy is a classic sidecar that gets its
 * certificate from the container next to it, and it cannot wait for its proxy (the proxy waits for it).
 */
export function identityDeployment(ctx: RenderContext): K8sObject {
  const identity = controllerContainer(ctx, {
    name: 'identity',
    args: [
      'identity',
      `-log-level=${CONTROLLER.logLevel}`,
      `-log-format=${CONTROLLER.logFormat}`,
      `-controller-namespace=${ctx.namespace}`,
      `-identity-trust-domain=${ctx.trustDomain}`,
      `-identity-issuance-lifetime=${IDENTITY.issuanceLifetime}`,
      `-identity-clock-skew-allowance=${IDENTITY.clockSkewAllowance}`,
      `-identity-scheme=${IDENTITY.scheme}`,
      '-enable-pprof=false',
      `-kube-apiclient-qps=${IDENTITY.clientQPS}`,
      `-kube-apiclient-burst=${IDENTITY.clientBurst}`,
    ],
    env: [{ name: 'LINKERD_DISABLED', value: 'linkerd-await cannot block the identity controller' }],
    ports: [
      { containerPort: PORTS.identityGrpc, name: 'ident-grpc' },
      { containerPort: PORTS.identityAdmin, name: 'ident-admin' },
    ],
    adminPort: PORTS.identityAdmin,
    volumeMounts: [
      { mountPath: '/var/run/linkerd/identity/issuer', name: 'identity-issuer' },
      { mountPath: '/var/run/linkerd/identity/trust-roots/', name: 'trust-roots' },
    ],
  });
  const { proxy, init } = controlPlaneProxy(ctx, 'identity', [identity]);
  return controlPlaneDeployment(ctx, {
    component: 'identity',
    containers: [identity, proxy],
    initContainers: [init],
    volumes: [
      { name: 'identity-issuer', secret: { secretName: ISSUER_SECRET } },
      { configMap: { name: TRUST_ROOTS_CONFIGMAP }, name: 'trust-roots' },
      kubeApiAccessVolume(),
      ...controlPlaneProxyVolumes(),
    ],
  });
}
