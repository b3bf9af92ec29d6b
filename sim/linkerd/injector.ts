import { createHash } from 'node:crypto';
import type { ObjectApi } from '../api/objects';
import type { ResourceType } from '../api/resources';
import { allContainers, type Container, type Pod } from '../cluster/podTypes';
import { isReady } from '../cluster/workloads';
import type { KubeObject } from '../store/types';
import { ADMIN_PORT, CONTROL_PLANE_NS, DEFAULT_OPAQUE_PORTS, INBOUND_PORT, LINKERD_VERSION, PROXY_IMAGE, PROXY_UID, TRUST_DOMAIN, TRUST_ROOTS_CONFIGMAP } from './constants';

const INJECT = 'linkerd.io/inject';
const VALID_VALUES = new Set(['enabled', 'disabled', 'ingress']);
const SKIPPED_NAMESPACES = new Set(['kube-system', 'cert-manager']);
/** Pod-level keys the injector reads but never copies from the namespace. */
const NOT_INHERITED = new Set([
  'config.linkerd.io/proxy-cpu-ratio-limit',
  'config.linkerd.io/enable-gateway',
  'config.linkerd.io/debug-image',
  'config.linkerd.io/debug-image-version',
  'config.linkerd.io/debug-image-pull-policy',
  'config.linkerd.io/close-wait-timeout',
  'config.beta.linkerd.io/proxy-enable-native-sidecar',
]);

export type SkipReason =
  | 'host_network_enabled'
  | 'sidecar_already_exists'
  | 'invalid_inject_annotation_at_ns'
  | 'invalid_inject_annotation_at_workload'
  | 'injection_disable_annotation_present'
  | 'injection_enable_annotation_absent';

/**
 * Decides, like the webhook's report, whether a pod gets a proxy and with which inject value.
 * The namespace value is checked first, so an invalid one blocks even pods that say `enabled`.
 */
export function injectionDecision(pod: Pod, namespace: KubeObject | undefined): { inject: true; value: string } | { inject: false; reason: SkipReason } {
  if (pod.spec.hostNetwork) return { inject: false, reason: 'host_network_enabled' };
  if (hasSidecar(pod)) return { inject: false, reason: 'sidecar_already_exists' };
  const nsValue = namespace?.metadata.annotations?.[INJECT] || undefined;
  const podValue = pod.metadata.annotations?.[INJECT] || undefined;
  if (nsValue !== undefined && !VALID_VALUES.has(nsValue)) return { inject: false, reason: 'invalid_inject_annotation_at_ns' };
  if (podValue !== undefined && !VALID_VALUES.has(podValue)) return { inject: false, reason: 'invalid_inject_annotation_at_workload' };
  if (podValue === 'disabled') return { inject: false, reason: 'injection_disable_annotation_present' };
  if (podValue) return { inject: true, value: podValue };
  if (nsValue && nsValue !== 'disabled') return { inject: true, value: nsValue };
  return { inject: false, reason: 'injection_enable_annotation_absent' };
}

function hasSidecar(pod: Pod): boolean {
  const proxyLike = (c: Container) =>
    c.name === 'linkerd-proxy' || c.name === 'istio-proxy' || (c.image ?? '').startsWith('cr.l5d.io/linkerd/proxy:') || (c.image ?? '').startsWith('gcr.io/istio-release/proxyv2:');
  const initLike = (c: Container) =>
    c.name === 'linkerd-init' || c.name === 'istio-init' || (c.image ?? '').startsWith('cr.l5d.io/linkerd/proxy-init:') || (c.image ?? '').startsWith('gcr.io/istio-release/proxy_init:');
  return allContainers(pod.spec).some(proxyLike) || (pod.spec.initContainers ?? []).some(initLike);
}

/**
 * The proxy injector as a mutating admission step on pod creation. It only acts while the
 * linkerd-proxy-injector deployment has a ready pod; otherwise pods are created uninjected and nothing
 * says so, as with the real webhook's failurePolicy Ignore.
 */
export function proxyInjector(pods: ResourceType): (object: KubeObject, type: ResourceType, api: ObjectApi) => void {
  return (object, type, api) => {
    if (type !== pods) return;
    const pod = object as Pod;
    if (!injectorAvailable(api)) return;
    const namespaceName = pod.metadata.namespace!;
    const namespace = api.find(api.typeOf('Namespace'), undefined, namespaceName);
    if (SKIPPED_NAMESPACES.has(namespaceName) || namespace?.metadata.labels?.['config.linkerd.io/admission-webhooks'] === 'disabled') return;
    const labels = pod.metadata.labels ?? {};
    if (labels['linkerd.io/control-plane-component'] !== undefined || labels['linkerd.io/cni-resource'] !== undefined) return;

    const decision = injectionDecision(pod, namespace);
    const opaque = declaredOpaquePorts(pod);
    const annotations = (pod.metadata.annotations ??= {});
    if (opaque.length > 0 && annotations['config.linkerd.io/opaque-ports'] === undefined) {
      annotations['config.linkerd.io/opaque-ports'] = opaque.join(',');
    }
    if (!decision.inject) return;
    for (const [key, value] of Object.entries(namespace?.metadata.annotations ?? {})) {
      const configKey = key.startsWith('config.linkerd.io/') || key.startsWith('config.alpha.linkerd.io/');
      const inherited = key === INJECT || (configKey && !NOT_INHERITED.has(key));
      if (inherited && annotations[key] === undefined) annotations[key] = value;
    }
    const trustRoots = api.find(api.typeOf('ConfigMap'), CONTROL_PLANE_NS, TRUST_ROOTS_CONFIGMAP);
    const anchors = (trustRoots?.data as Record<string, string> | undefined)?.['ca-bundle.crt'] ?? '';
    const version = annotations['config.linkerd.io/proxy-version'] ?? LINKERD_VERSION;
    Object.assign(annotations, {
      'linkerd.io/created-by': `linkerd/proxy-injector ${LINKERD_VERSION}`,
      'linkerd.io/proxy-version': version,
      'linkerd.io/trust-root-sha256': createHash('sha256').update(anchors).digest('hex'),
    });
    pod.metadata.labels = { ...labels, 'linkerd.io/control-plane-ns': CONTROL_PLANE_NS, 'linkerd.io/workload-ns': namespaceName, ...ownerLabel(pod, api) };
    addProxy(pod, decision.value, anchors, annotations);
  };
}

function injectorAvailable(api: ObjectApi): boolean {
  // A read-only view: this runs for every pod created, and copying the control plane's pods each time adds up at 5,000 pods.
  const pods = api.peek(api.typeOf('Pod'), CONTROL_PLANE_NS) as Pod[];
  return pods.some((p) => p.metadata.labels?.['linkerd.io/control-plane-component'] === 'proxy-injector' && isReady(p));
}

function declaredOpaquePorts(pod: Pod): number[] {
  const declared = new Set(pod.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort)));
  return DEFAULT_OPAQUE_PORTS.filter((p) => declared.has(p));
}

/** The `linkerd.io/proxy-<kind>` label naming the workload that owns the pod. */
function ownerLabel(pod: Pod, api: ObjectApi): Record<string, string> {
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (!owner) return {};
  if (owner.kind === 'ReplicaSet') {
    const rs = api.find(api.typeOf('ReplicaSet', 'apps/v1'), pod.metadata.namespace, owner.name);
    const deployment = rs?.metadata.ownerReferences?.find((r) => r.kind === 'Deployment');
    return deployment ? { 'linkerd.io/proxy-deployment': deployment.name } : { 'linkerd.io/proxy-replicaset': owner.name };
  }
  if (owner.kind === 'Job') {
    const job = api.find(api.typeOf('Job', 'batch/v1'), pod.metadata.namespace, owner.name);
    const cronJob = job?.metadata.ownerReferences?.find((r) => r.kind === 'CronJob');
    return cronJob ? { 'linkerd.io/proxy-cronjob': cronJob.name } : { 'linkerd.io/proxy-job': owner.name };
  }
  return { [`linkerd.io/proxy-${owner.kind.toLowerCase()}`]: owner.name };
}

function nativeSidecar(annotations: Record<string, string>): boolean {
  for (const key of ['config.linkerd.io/proxy-enable-native-sidecar', 'config.beta.linkerd.io/proxy-enable-native-sidecar', 'config.alpha.linkerd.io/proxy-enable-native-sidecar']) {
    const value = annotations[key];
    if (value === 'true' || value === 'false') return value === 'true';
  }
  return true;
}

function addProxy(pod: Pod, injectValue: string, anchors: string, annotations: Record<string, string>): void {
  const image = `${annotations['config.linkerd.io/proxy-image'] ?? PROXY_IMAGE}:${annotations['config.linkerd.io/proxy-version'] ?? LINKERD_VERSION}`;
  const adminPort = Number(annotations['config.linkerd.io/admin-port']) || ADMIN_PORT;
  const proxy: Record<string, unknown> = {
    name: 'linkerd-proxy',
    image,
    imagePullPolicy: annotations['config.linkerd.io/image-pull-policy'] ?? 'IfNotPresent',
    ports: [{ name: 'linkerd-proxy', containerPort: INBOUND_PORT, protocol: 'TCP' }, { name: 'linkerd-admin', containerPort: adminPort, protocol: 'TCP' }],
    env: [
      { name: '_pod_name', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: '_pod_ns', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: '_pod_sa', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
      { name: 'LINKERD2_PROXY_LOG', value: annotations['config.linkerd.io/proxy-log-level'] ?? 'warn,linkerd=info,hickory=error' },
      { name: 'LINKERD2_PROXY_ADMIN_LISTEN_ADDR', value: `[::]:${adminPort}` },
      { name: 'LINKERD2_PROXY_INBOUND_LISTEN_ADDR', value: `[::]:${INBOUND_PORT}` },
      { name: 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS', value: anchors },
      { name: 'LINKERD2_PROXY_IDENTITY_LOCAL_NAME', value: `$(_pod_sa).$(_pod_ns).serviceaccount.identity.${CONTROL_PLANE_NS}.${TRUST_DOMAIN}` },
      { name: 'LINKERD2_PROXY_DESTINATION_SVC_ADDR', value: `linkerd-dst-headless.${CONTROL_PLANE_NS}.svc.${TRUST_DOMAIN}.:8086` },
      ...(injectValue === 'ingress' ? [{ name: 'LINKERD2_PROXY_INGRESS_MODE', value: 'true' }] : []),
    ],
    readinessProbe: { httpGet: { path: '/ready', port: adminPort }, initialDelaySeconds: 2, timeoutSeconds: 1 },
    livenessProbe: { httpGet: { path: '/live', port: adminPort }, initialDelaySeconds: 10, timeoutSeconds: 1 },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: PROXY_UID, seccompProfile: { type: 'RuntimeDefault' } },
    volumeMounts: [
      { name: 'linkerd-identity-end-entity', mountPath: '/var/run/linkerd/identity/end-entity' },
      { name: 'linkerd-identity-token', mountPath: '/var/run/secrets/tokens' },
    ],
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
  const init: Record<string, unknown> = {
    name: 'linkerd-init',
    image,
    args: ['--incoming-proxy-port', String(INBOUND_PORT), '--outgoing-proxy-port', '4140', '--proxy-uid', String(PROXY_UID), '--inbound-ports-to-ignore', `4190,${adminPort}`, '--outbound-ports-to-ignore', '4567,4568'],
    securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] }, privileged: false, runAsNonRoot: true, runAsUser: 65534 },
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
  const spec = pod.spec as unknown as Record<string, unknown[]>;
  if (nativeSidecar(annotations)) {
    spec.initContainers = [init, { ...proxy, restartPolicy: 'Always' }, ...(spec.initContainers ?? [])];
  } else {
    spec.initContainers = [init, ...(spec.initContainers ?? [])];
    spec.containers = [proxy, ...spec.containers];
  }
  spec.volumes = [
    ...(spec.volumes ?? []),
    { name: 'linkerd-identity-end-entity', emptyDir: { medium: 'Memory' } },
    { name: 'linkerd-identity-token', projected: { sources: [{ serviceAccountToken: { audience: 'identity.l5d.io', expirationSeconds: 86400, path: 'linkerd-identity-token' } }] } },
  ];
}
