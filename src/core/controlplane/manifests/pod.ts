import type { RenderContext } from './context';
import { CONTROLLER, DEFAULT_INBOUND_POLICY, ROLLOUT } from './defaults';
import { componentLabels, createdBy, LABEL_COMPONENT, meta, type K8sObject } from './meta';

export type EnvVar = { name: string; value: string } | { name: string; valueFrom: object };
export type Container = Record<string, unknown> & { name: string; ports?: { containerPort: number; name: string }[] };

/** The restricted-profile security context every control-plane container runs with (plus its own user). */
export const RESTRICTED = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

const KUBE_API_ACCESS = 'kube-api-access';

/**
 * Pods do not automount their ServiceAccount token (their proxies must not see it); the controllers get the
 * same token through this explicit projected volume instead.
 */
export function kubeApiAccessVolume(): object {
  return {
    name: KUBE_API_ACCESS,
    projected: {
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

const kubeApiAccessMount = { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: KUBE_API_ACCESS, readOnly: true };

export interface ControllerSpec {
  readonly name: string;
  readonly args: string[];
  readonly command?: string[];
  readonly ports?: { containerPort: number; name: string }[];
  /** Admin port (number or name) serving the probes; jobs have none. */
  readonly adminPort?: number | string;
  readonly livenessPath?: string;
  readonly probeTimeoutSeconds?: number;
  readonly env?: EnvVar[];
  readonly volumeMounts: object[];
}

/** A container of the controller image: restricted, probed on its admin port. */
export function controllerContainer(ctx: RenderContext, spec: ControllerSpec): Container {
  const timeout = spec.probeTimeoutSeconds ? { timeoutSeconds: spec.probeTimeoutSeconds } : {};
  const admin = spec.adminPort;
  return {
    ...(spec.command ? { command: spec.command } : {}),
    args: spec.args,
    ...(spec.env ? { env: spec.env } : {}),
    image: ctx.controllerImage,
    imagePullPolicy: 'IfNotPresent',
    ...(admin === undefined ? {} : { livenessProbe: { httpGet: { path: spec.livenessPath ?? '/ping', port: admin }, initialDelaySeconds: 10, ...timeout } }),
    name: spec.name,
    ...(spec.ports ? { ports: spec.ports } : {}),
    ...(admin === undefined ? {} : { readinessProbe: { failureThreshold: 7, httpGet: { path: '/ready', port: admin }, ...timeout } }),
    securityContext: { ...RESTRICTED, runAsUser: CONTROLLER.uid },
    volumeMounts: [...spec.volumeMounts, kubeApiAccessMount],
  };
}

/** The controller containers' ports, which the pod's proxy treats as its inbound ports. */
export function portsOf(containers: readonly Container[]): number[] {
  return containers.flatMap((c) => c.ports?.map((p) => p.containerPort) ?? []);
}

export interface DeploymentSpec {
  readonly component: string;
  /** Extra pod-template annotations, placed first (e.g. checksum/config) or last (e.g. opaque ports). */
  readonly leadingAnnotations?: Record<string, string>;
  readonly trailingAnnotations?: Record<string, string>;
  /** The injector's selector predates the others' and only matches on the component label. */
  readonly componentOnlySelector?: boolean;
  readonly containers: Container[];
  readonly initContainers: Container[];
  readonly volumes: object[];
}

/** A control-plane Deployment: one replica, its own ServiceAccount, Linux nodes, no automounted token. */
export function controlPlaneDeployment(ctx: RenderContext, spec: DeploymentSpec): K8sObject {
  const name = `linkerd-${spec.component}`;
  const proxyDeployment = { 'linkerd.io/proxy-deployment': name };
  const selector = spec.componentOnlySelector ? { [LABEL_COMPONENT]: spec.component } : { ...componentLabels(ctx, spec.component), ...proxyDeployment };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(ctx, name, {
      component: spec.component,
      annotations: createdBy(ctx),
      extraLabels: { 'app.kubernetes.io/name': spec.component, 'app.kubernetes.io/part-of': 'Linkerd', 'app.kubernetes.io/version': ctx.release.images.controller.tag },
    }),
    spec: {
      replicas: CONTROLLER.replicas,
      revisionHistoryLimit: ROLLOUT.revisionHistoryLimit,
      selector: { matchLabels: selector },
      strategy: { rollingUpdate: { maxSurge: ROLLOUT.maxSurge, maxUnavailable: ROLLOUT.maxUnavailable } },
      template: {
        metadata: {
          annotations: {
            ...spec.leadingAnnotations,
            ...createdBy(ctx),
            'linkerd.io/proxy-version': ctx.release.images.proxy.tag,
            'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
            'linkerd.io/trust-root-sha256': ctx.trustRootSha256,
            ...spec.trailingAnnotations,
            'config.linkerd.io/default-inbound-policy': DEFAULT_INBOUND_POLICY,
          },
          labels: { ...componentLabels(ctx, spec.component), 'linkerd.io/workload-ns': ctx.namespace, ...proxyDeployment },
        },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          automountServiceAccountToken: false,
          containers: spec.containers,
          initContainers: spec.initContainers,
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          serviceAccountName: name,
          volumes: spec.volumes,
        },
      },
    },
  };
}

export interface ServicePort {
  readonly name: string;
  readonly port: number;
  readonly targetPort: number | string;
}

/** A Service selecting the pods of a component; headless ones give clients every pod's address. */
export function componentService(ctx: RenderContext, name: string, component: string, port: ServicePort, options: { headless?: boolean; annotations?: Record<string, string> } = {}): K8sObject {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta(ctx, name, { component, annotations: { ...createdBy(ctx), ...options.annotations } }),
    spec: {
      ...(options.headless ? { clusterIP: 'None' } : { type: 'ClusterIP' }),
      selector: { [LABEL_COMPONENT]: component },
      ports: [port],
    },
  };
}
