import { createHash } from 'node:crypto';
import type { RenderContext } from './context';
import { CONTROLLER, DEFAULT_INBOUND_POLICY, GLOBAL_EGRESS_NAMESPACE, MESHED_HTTP2_CLIENT_PARAMS, OPAQUE_PORTS, PORTS, PROBE_NETWORKS } from './defaults';
import type { K8sObject } from './meta';
import { toYamlDocument } from './yaml';
import { componentService, controllerContainer, controlPlaneDeployment, kubeApiAccessVolume } from './pod';
import { controlPlaneProxy, controlPlaneProxyVolumes } from './controlPlaneProxy';
import { webhookSecretName } from './webhooks';

const TLS_DIR = '/var/run/linkerd/tls';

export function destinationServices(ctx: RenderContext): K8sObject[] {
  return [
    componentService(ctx, 'linkerd-dst', 'destination', { name: 'grpc', port: PORTS.destinationGrpc, targetPort: PORTS.destinationGrpc }),
    componentService(ctx, 'linkerd-dst-headless', 'destination', { name: 'grpc', port: PORTS.destinationGrpc, targetPort: PORTS.destinationGrpc }, { headless: true }),
    componentService(ctx, 'linkerd-sp-validator', 'destination', { name: 'sp-validator', port: 443, targetPort: 'sp-validator' }),
    componentService(ctx, 'linkerd-policy', 'destination', { name: 'grpc', port: PORTS.policyGrpc, targetPort: PORTS.policyGrpc }, { headless: true }),
    componentService(ctx, 'linkerd-policy-validator', 'destination', { name: 'policy-https', port: 443, targetPort: 'policy-https' }),
  ];
}

/**
 * A hash of the objects holding the webhook certificates, as a pod annotation: re-rendering with new
 * certificates changes it, which restarts the pods so they serve the new ones.
 */
export function configChecksum(objects: readonly K8sObject[]): string {
  return createHash('sha256').update(toYamlDocument(objects)).digest('hex');
}

/** Destination (service discovery), the ServiceProfile validator and the policy controller share one pod. */
export function destinationDeployment(ctx: RenderContext, checksum: string): K8sObject {
  const common = [`-log-level=${CONTROLLER.logLevel}`, `-log-format=${CONTROLLER.logFormat}`];
  const destination = controllerContainer(ctx, {
    name: 'destination',
    args: [
      'destination',
      `-addr=:${PORTS.destinationGrpc}`,
      `-controller-namespace=${ctx.namespace}`,
      '-outbound-transport-mode=transport-header',
      '-enable-h2-upgrade=true',
      ...common,
      '-enable-endpoint-slices=true',
      `-cluster-domain=${ctx.clusterDomain}`,
      `-identity-trust-domain=${ctx.trustDomain}`,
      `-default-opaque-ports=${OPAQUE_PORTS}`,
      '-enable-ipv6=false',
      '-enable-pprof=false',
      `--meshed-http2-client-params=${JSON.stringify(MESHED_HTTP2_CLIENT_PARAMS)}`,
    ],
    ports: [
      { containerPort: PORTS.destinationGrpc, name: 'dest-grpc' },
      { containerPort: PORTS.destinationAdmin, name: 'dest-admin' },
    ],
    adminPort: PORTS.destinationAdmin,
    volumeMounts: [],
  });
  const spValidator = controllerContainer(ctx, {
    name: 'sp-validator',
    args: ['sp-validator', ...common, '-enable-pprof=false'],
    ports: [
      { containerPort: PORTS.spValidatorWebhook, name: 'sp-validator' },
      { containerPort: PORTS.spValidatorAdmin, name: 'spval-admin' },
    ],
    adminPort: PORTS.spValidatorAdmin,
    probeTimeoutSeconds: 1,
    volumeMounts: [{ mountPath: TLS_DIR, name: 'sp-tls', readOnly: true }],
  });
  const policy = controllerContainer(ctx, {
    name: 'policy',
    command: ['/linkerd-policy-controller'],
    args: [
      `--admin-addr=0.0.0.0:${PORTS.policyAdmin}`,
      `--control-plane-namespace=${ctx.namespace}`,
      `--grpc-addr=0.0.0.0:${PORTS.policyGrpc}`,
      `--server-addr=0.0.0.0:${PORTS.policyWebhook}`,
      `--server-tls-key=${TLS_DIR}/tls.key`,
      `--server-tls-certs=${TLS_DIR}/tls.crt`,
      `--cluster-networks=${ctx.clusterNetworks}`,
      `--identity-domain=${ctx.trustDomain}`,
      `--cluster-domain=${ctx.clusterDomain}`,
      `--default-policy=${DEFAULT_INBOUND_POLICY}`,
      `--log-level=${CONTROLLER.logLevel}`,
      `--log-format=${CONTROLLER.logFormat}`,
      `--default-opaque-ports=${OPAQUE_PORTS}`,
      `--global-egress-network-namespace=${GLOBAL_EGRESS_NAMESPACE}`,
      `--probe-networks=${PROBE_NETWORKS.join(',')}`,
    ],
    ports: [
      { containerPort: PORTS.policyGrpc, name: 'policy-grpc' },
      { containerPort: PORTS.policyAdmin, name: 'policy-admin' },
      { containerPort: PORTS.policyWebhook, name: 'policy-https' },
    ],
    adminPort: 'policy-admin',
    livenessPath: '/live',
    volumeMounts: [{ mountPath: TLS_DIR, name: 'policy-tls', readOnly: true }],
  });
  const containers = [destination, spValidator, policy];
  const { proxy, init, native } = controlPlaneProxy(ctx, 'destination', containers);
  return controlPlaneDeployment(ctx, {
    component: 'destination',
    leadingAnnotations: { 'checksum/config': checksum },
    containers: native ? containers : [proxy, ...containers],
    initContainers: native ? [init, proxy] : [init],
    volumes: [
      { name: 'sp-tls', secret: { secretName: webhookSecretName('sp-validator') } },
      { name: 'policy-tls', secret: { secretName: webhookSecretName('policy-validator') } },
      kubeApiAccessVolume(),
      ...controlPlaneProxyVolumes(),
    ],
  });
}
