import { createHash } from 'node:crypto';
import { debugContainer, endEntityVolume, proxyContainer, proxyInitContainer, tokenVolume, XTABLES_VOLUME } from '../../src/core/controlplane/manifests/proxy';
import type { ObjectApi } from '../api/objects';
import { jsonPatch } from '../api/patch';
import type { ResourceType } from '../api/resources';
import { allContainers, type Container, type Pod } from '../cluster/podTypes';
import { isReady } from '../cluster/workloads';
import type { KubeObject } from '../store/types';
import { CONTROL_PLANE_NS, TRUST_ROOTS_CONFIGMAP } from './constants';
import { applyAnnotationOverrides, decodeValues, mergeAdditionalEnv, type InjectorValues } from './injectorValues';

/**
 * Linkerd's proxy injector as a mutating admission step on pod creation, read from linkerd2's
 * controller/proxy-injector/webhook.go and pkg/inject: it reads linkerd-config's values and the trust
 * roots as the webhook does, decides with the webhook's report, lays the pod's and namespace's annotations
 * over the values, and applies the JSON patch that patch/templates/patch.json would render, with the
 * containers of the shared proxy renderer. The Linkerd tier holds the result against Linkerd's own patch.
 */

const INJECT = 'linkerd.io/inject';
const VALID_VALUES = new Set(['enabled', 'disabled', 'ingress']);
const SKIPPED_NAMESPACES = new Set(['kube-system', 'cert-manager']);
const OPAQUE_PORTS = 'config.linkerd.io/opaque-ports';

/** Annotations a pod inherits from its namespace (pkg/inject ProxyAnnotations, the alpha ones, and inject). */
const INHERITED = [
  'admin-port', 'control-port', 'enable-debug-sidecar', 'enable-external-profiles', 'image-pull-policy', 'inbound-port', 'outbound-port', 'pod-inbound-ports',
  'proxy-cpu-limit', 'proxy-cpu-request', 'proxy-image', 'proxy-admin-shutdown', 'proxy-log-format', 'proxy-log-level', 'proxy-log-http-headers',
  'proxy-memory-limit', 'proxy-memory-request', 'proxy-ephemeral-storage-limit', 'proxy-ephemeral-storage-request', 'proxy-uid', 'proxy-gid',
  'proxy-version', 'proxy-require-identity-inbound-ports', 'skip-inbound-ports', 'opaque-ports', 'skip-outbound-ports', 'proxy-metrics-hostname-labels',
  'proxy-outbound-connect-timeout', 'proxy-inbound-connect-timeout', 'proxy-await', 'default-inbound-policy', 'skip-subnets', 'access-log',
  'shutdown-grace-period', 'proxy-outbound-discovery-cache-unused-timeout', 'proxy-inbound-discovery-cache-unused-timeout',
  'proxy-disable-outbound-protocol-detect-timeout', 'proxy-disable-inbound-protocol-detect-timeout', 'proxy-enable-native-sidecar', 'proxy-additional-env',
]
  .map((k) => `config.linkerd.io/${k}`)
  .concat(['config.alpha.linkerd.io/proxy-wait-before-exit-seconds', 'config.alpha.linkerd.io/proxy-enable-native-sidecar', INJECT]);

/** Owners the injector labels pods with, as `linkerd.io/proxy-<kind>` (inject.go populateMeta). */
const LABELLED_OWNERS = new Set(['deployment', 'replicationcontroller', 'replicaset', 'job', 'daemonset', 'statefulset']);

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
 * The webhook on pod creation. It acts only while the linkerd-proxy-injector deployment has a ready pod,
 * and when it cannot build a patch (unreadable values, a value the templates refuse) the pod is admitted
 * as it is: with failurePolicy Ignore, nothing says so but the injector's log.
 */
export function proxyInjector(pods: ResourceType, log: (line: string) => void = () => undefined): (object: KubeObject, type: ResourceType, api: ObjectApi) => void {
  return (object, type, api) => {
    if (type !== pods) return;
    const pod = object as Pod;
    const injector = readyInjector(api);
    if (!injector) return;
    const namespaceName = pod.metadata.namespace!;
    const namespace = api.find(api.typeOf('Namespace'), undefined, namespaceName);
    if (SKIPPED_NAMESPACES.has(namespaceName) || namespace?.metadata.labels?.['config.linkerd.io/admission-webhooks'] === 'disabled') return;
    const labels = pod.metadata.labels ?? {};
    if (labels['linkerd.io/control-plane-component'] !== undefined || labels['linkerd.io/cni-resource'] !== undefined) return;
    try {
      const patch = injectionPatch(pod, namespace?.metadata.annotations ?? {}, api, injector);
      if (patch.length) Object.assign(pod, jsonPatch(pod, patch));
    } catch (e) {
      log(`failed to inject pod ${namespaceName}/${pod.metadata.name ?? pod.metadata.generateName}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** The ready injector pod's version (its controller image tag), which it records in linkerd.io/created-by. */
function readyInjector(api: ObjectApi): { version: string } | undefined {
  // A read-only view: this runs for every pod created, and copying the control plane's pods each time adds up at 5,000 pods.
  const pods = api.peek(api.typeOf('Pod'), CONTROL_PLANE_NS) as Pod[];
  const pod = pods.find((p) => p.metadata.labels?.['linkerd.io/control-plane-component'] === 'proxy-injector' && isReady(p));
  if (!pod) return undefined;
  const image = pod.spec.containers.find((c) => c.name === 'proxy-injector')?.image ?? '';
  return { version: image.slice(image.lastIndexOf(':') + 1) };
}

interface Operation {
  op: 'add';
  path: string;
  value: unknown;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

let lastDecoded: { text: string; anchors: string; values: InjectorValues } | undefined;

/**
 * linkerd-config's values, decoded once per change (decoding takes milliseconds, and a scenario creates
 * thousands of pods); each pod gets its own copy, since its annotations are applied over it.
 */
function decoded(text: string, anchors: string): InjectorValues {
  if (lastDecoded?.text !== text || lastDecoded.anchors !== anchors) lastDecoded = { text, anchors, values: decodeValues(text, anchors) };
  return structuredClone(lastDecoded.values);
}

/** The JSON patch for one pod: the opaque-ports annotation alone when it is not injected, else the proxy. */
function injectionPatch(pod: Pod, nsAnn: Readonly<Record<string, string>>, api: ObjectApi, injector: { version: string }): Operation[] {
  const config = api.find(api.typeOf('ConfigMap'), CONTROL_PLANE_NS, 'linkerd-config');
  const roots = api.find(api.typeOf('ConfigMap'), CONTROL_PLANE_NS, TRUST_ROOTS_CONFIGMAP);
  const valuesText = (config?.data as Record<string, string> | undefined)?.values;
  if (valuesText === undefined) throw new Error('linkerd-config has no values');
  const anchors = (roots?.data as Record<string, string> | undefined)?.['ca-bundle.crt'] ?? '';
  const values = decoded(valuesText, anchors);

  const podAnn = pod.metadata.annotations ?? {};
  const namespace = { metadata: { annotations: nsAnn } } as KubeObject;
  const decision = injectionDecision(pod, namespace);
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  const defaultOpaque = () => {
    const defaults = String(values.proxy.opaquePorts).split(',');
    const ports = containers.flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort))).filter((p) => defaults.includes(p));
    return ports.length ? ports.join(',') : undefined;
  };
  if (!decision.inject) {
    // CreateOpaquePortsPatch: the namespace's opaque ports, else the defaults the pod exposes.
    if (podAnn[OPAQUE_PORTS] !== undefined) return [];
    const ports = nsAnn[OPAQUE_PORTS] ?? defaultOpaque();
    if (ports === undefined) return [];
    return [...(Object.keys(podAnn).length ? [] : [{ op: 'add' as const, path: '/metadata/annotations', value: {} }]), { op: 'add', path: `/metadata/annotations/${escapePointer(OPAQUE_PORTS)}`, value: ports }];
  }

  const added: Record<string, string> = { 'linkerd.io/created-by': `linkerd/proxy-injector ${injector.version}` };
  for (const key of INHERITED) if (nsAnn[key] !== undefined && podAnn[key] === undefined) added[key] = nsAnn[key];
  if (podAnn[OPAQUE_PORTS] === undefined && added[OPAQUE_PORTS] === undefined) {
    const ports = defaultOpaque();
    if (ports) added[OPAQUE_PORTS] = ports;
  }
  const podLabels: Record<string, string> = { 'linkerd.io/control-plane-ns': CONTROL_PLANE_NS, 'linkerd.io/workload-ns': pod.metadata.namespace!, ...ownerLabel(pod, api) };
  const effective = { ...podAnn, ...added };
  const named = new Map(containers.flatMap((c) => (c.ports ?? []).filter((p) => p.name).map((p) => [p.name!, p.containerPort] as const)));
  applyAnnotationOverrides(values, effective, { ...(pod.metadata.labels ?? {}), ...podLabels }, named);
  mergeAdditionalEnv(values, nsAnn, podAnn);
  values.proxy.podInboundPorts = podInboundPorts(containers);
  for (const network of String(values.clusterNetworks).replace(/^,+|,+$/g, '').split(',')) {
    if (values.clusterNetworks && !/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(network)) throw new Error(`cannot parse destination get networks: invalid CIDR address: ${network}`);
  }
  added['linkerd.io/proxy-version'] = values.proxy.image.version || values.linkerdVersion;
  added['linkerd.io/trust-root-sha256'] = createHash('sha256').update(anchors).digest('hex');
  specFromPod(values, pod);
  return patchOperations(values, pod, added, podLabels, effective);
}

/** injectPodSpec and injectProxyInit: what the pod's first container says about capabilities and its token. */
function specFromPod(values: InjectorValues, pod: Pod): void {
  const first = pod.spec.containers[0] as (Container & { securityContext?: { capabilities?: { add?: string[]; drop?: string[] } }; volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[] }) | undefined;
  const caps = first?.securityContext?.capabilities;
  if (caps) {
    values.proxy.capabilities = { add: [...(caps.add ?? [])], drop: [...(caps.drop ?? [])] };
    values.proxyInit.capabilities = { add: [...(caps.add ?? [])], drop: (caps.drop ?? []).filter((d) => d !== 'NET_RAW' && d !== 'NET_ADMIN') };
  }
  const token = first?.volumeMounts?.find((m) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount');
  if (token) {
    const mount = { name: token.name, mountPath: token.mountPath, readOnly: token.readOnly === true };
    values.proxy.saMountPath = mount;
    values.proxyInit.saMountPath = mount;
  }
}

/** patch.json: root objects the pod lacks, the annotations and labels, then proxy-init, debug and the proxy. */
function patchOperations(values: InjectorValues, pod: Pod, annotations: Record<string, string>, labels: Record<string, string>, effective: Record<string, string>): Operation[] {
  const ops: Operation[] = [];
  const add = (path: string, value: unknown) => ops.push({ op: 'add', path, value });
  const meta = pod.metadata;
  const sorted = (o: Record<string, string>) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [, v] of [...sorted(annotations), ...sorted(labels)]) {
    // The template writes values between quotes as they are: one that needs escaping breaks the patch.
    if ([...v].some((c) => c === '"' || c === '\\' || c.charCodeAt(0) < 0x20)) throw new Error(`the patch is not JSON: a value needs escaping (${JSON.stringify(v)})`);
  }
  if (!Object.keys(meta.annotations ?? {}).length) add('/metadata/annotations', {});
  for (const [k, v] of sorted(annotations)) add(`/metadata/annotations/${escapePointer(k)}`, v);
  if (!Object.keys(meta.labels ?? {}).length) add('/metadata/labels', {});
  for (const [k, v] of sorted(labels)) add(`/metadata/labels/${escapePointer(k)}`, v);
  const spec = pod.spec as unknown as Record<string, unknown[] | undefined>;
  if (!spec.volumes?.length) add('/spec/volumes', []);
  if (!spec.initContainers?.length) add('/spec/initContainers', []);
  const native = values.proxy.nativeSidecar;
  // With the CNI plugin Linkerd injects a network validator instead of proxy-init; no install here uses it.
  if (values.cniEnabled) throw new Error('the simulated injector does not support cniEnabled installs');
  add('/spec/volumes/-', { emptyDir: {}, name: XTABLES_VOLUME });
  add(`/spec/initContainers/${native ? 0 : '-'}`, proxyInitContainer(values));
  const debug = effective['config.linkerd.io/enable-debug-sidecar'];
  if (debug === 'true' || debug === '1' || debug === 't' || debug === 'T' || debug === 'TRUE' || debug === 'True') add('/spec/containers/-', debugContainer(values));
  add('/spec/volumes/-', endEntityVolume());
  if (values.proxy.tracing?.enabled) add('/spec/volumes/-', { downwardAPI: { items: [{ fieldRef: { fieldPath: 'metadata.labels' }, path: 'labels' }] }, name: 'linkerd-podinfo' });
  if (values.identity.serviceAccountTokenProjection) add('/spec/volumes/-', tokenVolume());
  const proxy = proxyContainer(values, CONTROL_PLANE_NS);
  add(native ? '/spec/initContainers/1' : values.proxy.await ? '/spec/containers/0' : '/spec/containers/-', proxy);
  return ops;
}

/** The pod's ports and numeric HTTP probe ports, sorted as strings (getPodInboundPorts). */
function podInboundPorts(containers: readonly Container[]): string {
  const ports = new Set<string>();
  for (const c of containers as (Container & { readinessProbe?: { httpGet?: { port?: unknown } }; livenessProbe?: { httpGet?: { port?: unknown } } })[]) {
    for (const p of c.ports ?? []) ports.add(String(p.containerPort));
    for (const probe of [c.readinessProbe, c.livenessProbe]) if (typeof probe?.httpGet?.port === 'number') ports.add(String(probe.httpGet.port));
  }
  return [...ports].sort().join(',');
}

/** `linkerd.io/proxy-<kind>` for the owner the injector resolves (a ReplicaSet's Deployment, a Job's CronJob). */
function ownerLabel(pod: Pod, api: ObjectApi): Record<string, string> {
  const owners = pod.metadata.ownerReferences ?? [];
  if (owners.length !== 1) return {};
  let { kind, name } = owners[0];
  const parentType = kind === 'ReplicaSet' ? api.typeOf('ReplicaSet', 'apps/v1') : kind === 'Job' ? api.typeOf('Job', 'batch/v1') : undefined;
  if (parentType) {
    const grandParents = api.find(parentType, pod.metadata.namespace, name)?.metadata.ownerReferences ?? [];
    if (grandParents.length === 1) ({ kind, name } = grandParents[0]);
  }
  kind = kind.toLowerCase();
  return LABELLED_OWNERS.has(kind) ? { [`linkerd.io/proxy-${kind}`]: name } : {};
}

