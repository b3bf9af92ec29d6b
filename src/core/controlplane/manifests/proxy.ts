import type { MeshValues, ProxyValues, ResourceValues } from './meshValues';
import type { Container, EnvVar } from './pod';

/**
 * The linkerd-proxy and linkerd-init containers and their volumes, rendered from chart values the way
 * Linkerd's partials do (charts/partials/templates/_proxy.tpl, _proxy-init.tpl, _volumes.tpl,
 * _resources.tpl, _capabilities.tpl in linkerd2): the control plane renders its own proxies with them, and
 * the simulator's injector the injected ones. The Linkerd tier holds both against those templates.
 */

export const PROXY_CONTAINER = 'linkerd-proxy';
export const INIT_CONTAINER = 'linkerd-init';
export const END_ENTITY_VOLUME = 'linkerd-identity-end-entity';
export const TOKEN_VOLUME = 'linkerd-identity-token';
export const PODINFO_VOLUME = 'linkerd-podinfo';
export const XTABLES_VOLUME = 'linkerd-proxy-init-xtables-lock';
const END_ENTITY_DIR = '/var/run/linkerd/identity/end-entity';
const TOKEN_DIR = '/var/run/secrets/tokens';
const PODINFO_DIR = '/var/run/linkerd/podinfo';

/** A value the chart refuses, with the message its `fail` gives. */
export class ProxyValuesError extends Error {}

const value = (name: string, v: string): EnvVar => ({ name, value: v });
const fieldRef = (name: string, fieldPath: string): EnvVar => ({ name, valueFrom: { fieldRef: { fieldPath } } });
/** Numbers and booleans as Go's templates print them. */
const text = (v: string | number | boolean): string => String(v);

/** Sprig's snakecase (xstrings.ToSnakeCase) for the camelCase keys of proxy parameters. */
function snakeCase(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-zA-Z])([0-9]+[a-z])/g, '$1_$2')
    .toLowerCase();
}

function trustDomain(v: MeshValues): string {
  return v.identityTrustDomain || v.clusterDomain;
}

function listen(v: MeshValues, port: number): string {
  return `${v.disableIPv6 ? '0.0.0.0' : '[::]'}:${port}`;
}

function identityName(v: MeshValues, ns: string, account: string, accountNs = ns): string {
  return `${account}.${accountNs}.serviceaccount.identity.${ns}.${trustDomain(v)}`;
}

function coresEnv(p: ProxyValues): EnvVar[] {
  if (p.cores) return [value('LINKERD2_PROXY_CORES', text(p.cores)), value('LINKERD2_PROXY_CORES_MIN', text(p.cores))];
  const w = p.runtime?.workers;
  if (!w || Object.keys(w).length === 0) return [];
  const min = text(w.minimum || 1);
  return [
    value('LINKERD2_PROXY_CORES', min),
    value('LINKERD2_PROXY_CORES_MIN', min),
    ...(w.maximum ? [value('LINKERD2_PROXY_CORES_MAX', text(w.maximum))] : []),
    ...(w.maximumCPURatio ? [value('LINKERD2_PROXY_CORES_MAX_RATIO', text(w.maximumCPURatio))] : []),
  ];
}

function tracingEnv(v: MeshValues, ns: string): EnvVar[] {
  const t = v.proxy.tracing;
  if (!t?.enabled) return [];
  if (!t.collector?.endpoint) throw new ProxyValuesError('proxy.tracing.collector.endpoint must be set if proxy tracing is enabled');
  const id = t.collector.meshIdentity;
  if (!id?.serviceAccountName) throw new ProxyValuesError('proxy.tracing.collector.meshIdentity.serviceAccountName must be set if proxy tracing is enabled');
  if (!id.namespace) throw new ProxyValuesError('proxy.tracing.collector.meshIdentity.namespace must be set if proxy tracing is enabled');
  const labels = Object.entries(t.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return [
    value('LINKERD2_PROXY_TRACE_ATTRIBUTES_PATH', `${PODINFO_DIR}/labels`),
    value('LINKERD2_PROXY_TRACE_ANNOTATIONS_PATH', `${PODINFO_DIR}/annotations`),
    value('LINKERD2_PROXY_TRACE_PROTOCOL', t.protocol || 'opentelemetry'),
    value('LINKERD2_PROXY_TRACE_SERVICE_NAME', t.traceServiceName),
    value('LINKERD2_PROXY_TRACE_COLLECTOR_SVC_ADDR', t.collector.endpoint),
    value('LINKERD2_PROXY_TRACE_COLLECTOR_SVC_NAME', `${id.serviceAccountName}.${id.namespace}.serviceaccount.identity.${ns}.${v.clusterDomain}`),
    value('LINKERD2_PROXY_TRACE_EXTRA_ATTRIBUTES', labels.map(([k, x]) => `${k}=${x}\n`).join('')),
  ];
}

/** inbound/outbound → scope → protocol → parameter, each as LINKERD2_PROXY_<SIDE>_<SCOPE>_<PROTO>_<PARAM>. */
function paramsEnv(p: ProxyValues): EnvVar[] {
  const out: EnvVar[] = [];
  const sorted = <T>(o: Readonly<Record<string, T>> | undefined) => Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [side, scopes] of sorted({ inbound: p.inbound, outbound: p.outbound })) {
    for (const [scope, protos] of sorted(scopes)) {
      for (const [proto, params] of sorted(protos)) {
        for (const [param, v] of sorted(params)) out.push(value(['LINKERD2_PROXY', side, scope, proto, param].map((k) => snakeCase(k).toUpperCase()).join('_'), text(v)));
      }
    }
  }
  return out;
}

/** The proxy's environment. Order matters: `$(var)` references only resolve to variables defined earlier. */
function proxyEnv(v: MeshValues, ns: string): EnvVar[] {
  const p = v.proxy;
  if (!['insecure', 'off', ''].includes(p.logHTTPHeaders)) throw new ProxyValuesError('logHTTPHeaders must be one of: insecure | off');
  const cd = v.clusterDomain;
  const local = (component: string, port: number, service: string) => (p.component === component ? `localhost.:${port}` : `${service}.${ns}.svc.${cd}.:${port}`);
  const destinationName = identityName(v, ns, 'linkerd-destination');
  const when = (condition: unknown, env: EnvVar) => (condition ? [env] : []);
  return [
    fieldRef('_pod_name', 'metadata.name'),
    fieldRef('_pod_ns', 'metadata.namespace'),
    fieldRef('_pod_uid', 'metadata.uid'),
    fieldRef('_pod_ip', 'status.podIP'),
    fieldRef('_pod_nodeName', 'spec.nodeName'),
    value('_pod_containerName', PROXY_CONTAINER),
    ...coresEnv(p),
    ...when(p.requireIdentityOnInboundPorts, value('LINKERD2_PROXY_INBOUND_PORTS_REQUIRE_IDENTITY', p.requireIdentityOnInboundPorts)),
    ...when(p.requireTLSOnInboundPorts, value('LINKERD2_PROXY_INBOUND_PORTS_REQUIRE_TLS', p.requireTLSOnInboundPorts ?? '')),
    value('LINKERD2_PROXY_SHUTDOWN_ENDPOINT_ENABLED', text(p.enableShutdownEndpoint)),
    value('LINKERD2_PROXY_LOG', `${p.logLevel}${p.logHTTPHeaders === 'insecure' ? '' : ',[{headers}]=off,[{request}]=off'}`),
    value('LINKERD2_PROXY_LOG_FORMAT', p.logFormat),
    value('LINKERD2_PROXY_DESTINATION_SVC_ADDR', local('linkerd-destination', 8086, 'linkerd-dst-headless')),
    value('LINKERD2_PROXY_DESTINATION_PROFILE_NETWORKS', v.clusterNetworks),
    value('LINKERD2_PROXY_POLICY_SVC_ADDR', local('linkerd-destination', 8090, 'linkerd-policy')),
    value('LINKERD2_PROXY_POLICY_WORKLOAD', '{"ns":"$(_pod_ns)", "pod":"$(_pod_name)"}\n'),
    value('LINKERD2_PROXY_INBOUND_DEFAULT_POLICY', p.defaultInboundPolicy),
    value('LINKERD2_PROXY_POLICY_CLUSTER_NETWORKS', v.clusterNetworks),
    value('LINKERD2_PROXY_CONTROL_STREAM_INITIAL_TIMEOUT', p.control?.streams?.initialTimeout ?? ''),
    value('LINKERD2_PROXY_CONTROL_STREAM_IDLE_TIMEOUT', p.control?.streams?.idleTimeout ?? ''),
    value('LINKERD2_PROXY_CONTROL_STREAM_LIFETIME', p.control?.streams?.lifetime ?? ''),
    ...when(p.inboundConnectTimeout, value('LINKERD2_PROXY_INBOUND_CONNECT_TIMEOUT', p.inboundConnectTimeout)),
    ...when(p.outboundConnectTimeout, value('LINKERD2_PROXY_OUTBOUND_CONNECT_TIMEOUT', p.outboundConnectTimeout)),
    ...when(p.outboundDiscoveryCacheUnusedTimeout, value('LINKERD2_PROXY_OUTBOUND_DISCOVERY_IDLE_TIMEOUT', p.outboundDiscoveryCacheUnusedTimeout)),
    ...when(p.inboundDiscoveryCacheUnusedTimeout, value('LINKERD2_PROXY_INBOUND_DISCOVERY_IDLE_TIMEOUT', p.inboundDiscoveryCacheUnusedTimeout)),
    ...when(p.disableOutboundProtocolDetectTimeout, value('LINKERD2_PROXY_OUTBOUND_DETECT_TIMEOUT', '365d')),
    ...when(p.disableInboundProtocolDetectTimeout, value('LINKERD2_PROXY_INBOUND_DETECT_TIMEOUT', '365d')),
    value('LINKERD2_PROXY_CONTROL_LISTEN_ADDR', listen(v, p.ports.control)),
    value('LINKERD2_PROXY_ADMIN_LISTEN_ADDR', listen(v, p.ports.admin)),
    value('LINKERD2_PROXY_OUTBOUND_LISTEN_ADDR', `127.0.0.1:${p.ports.outbound}`),
    value('LINKERD2_PROXY_OUTBOUND_LISTEN_ADDRS', `127.0.0.1:${p.ports.outbound}${v.disableIPv6 ? '' : `,[::1]:${p.ports.outbound}`}`),
    value('LINKERD2_PROXY_INBOUND_LISTEN_ADDR', listen(v, p.ports.inbound)),
    fieldRef('LINKERD2_PROXY_INBOUND_IPS', 'status.podIPs'),
    value('LINKERD2_PROXY_INBOUND_PORTS', p.podInboundPorts),
    ...when(p.isGateway, value('LINKERD2_PROXY_INBOUND_GATEWAY_SUFFIXES', `svc.${cd}.`)),
    ...when(p.isIngress, value('LINKERD2_PROXY_INGRESS_MODE', 'true')),
    value('LINKERD2_PROXY_DESTINATION_PROFILE_SUFFIXES', p.enableExternalProfiles ? '.' : `svc.${cd}.`),
    value('LINKERD2_PROXY_INBOUND_ACCEPT_KEEPALIVE', '10000ms'),
    value('LINKERD2_PROXY_OUTBOUND_CONNECT_KEEPALIVE', '10000ms'),
    value('LINKERD2_PROXY_INBOUND_ACCEPT_USER_TIMEOUT', '30s'),
    value('LINKERD2_PROXY_OUTBOUND_CONNECT_USER_TIMEOUT', '30s'),
    value('LINKERD2_PROXY_OUTBOUND_METRICS_HOSTNAME_LABELS', text(p.metrics?.hostnameLabels ?? false)),
    ...tracingEnv(v, ns),
    ...paramsEnv(p),
    ...when(p.opaquePorts, value('LINKERD2_PROXY_INBOUND_PORTS_DISABLE_PROTOCOL_DETECTION', p.opaquePorts)),
    value('LINKERD2_PROXY_DESTINATION_CONTEXT', '{"ns":"$(_pod_ns)", "nodeName":"$(_pod_nodeName)", "pod":"$(_pod_name)"}\n'),
    fieldRef('_pod_sa', 'spec.serviceAccountName'),
    value('_l5d_ns', ns),
    value('_l5d_trustdomain', trustDomain(v)),
    value('LINKERD2_PROXY_IDENTITY_DIR', END_ENTITY_DIR),
    p.loadTrustBundleFromConfigMap
      ? { name: 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS', valueFrom: { configMapKeyRef: { name: 'linkerd-identity-trust-roots', key: 'ca-bundle.crt' } } }
      : value('LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS', `${requiredAnchors(v)}\n`),
    value('LINKERD2_PROXY_IDENTITY_TOKEN_FILE', v.identity.serviceAccountTokenProjection ? `${TOKEN_DIR}/${TOKEN_VOLUME}` : '/var/run/secrets/kubernetes.io/serviceaccount/token'),
    value('LINKERD2_PROXY_IDENTITY_SVC_ADDR', local('linkerd-identity', 8080, 'linkerd-identity-headless')),
    value('LINKERD2_PROXY_IDENTITY_LOCAL_NAME', identityName(v, ns, '$(_pod_sa)', '$(_pod_ns)')),
    value('LINKERD2_PROXY_IDENTITY_SVC_NAME', identityName(v, ns, 'linkerd-identity')),
    value('LINKERD2_PROXY_DESTINATION_SVC_NAME', destinationName),
    value('LINKERD2_PROXY_POLICY_SVC_NAME', destinationName),
    ...when(p.accessLog, value('LINKERD2_PROXY_ACCESS_LOG', p.accessLog)),
    ...when(p.shutdownGracePeriod, value('LINKERD2_PROXY_SHUTDOWN_GRACE_PERIOD', p.shutdownGracePeriod)),
    ...(p.additionalEnv ?? []),
    ...(p.experimentalEnv ?? []),
  ];
}

function requiredAnchors(v: MeshValues): string {
  if (!v.identityTrustAnchorsPEM) throw new ProxyValuesError('Please provide the identity trust anchors');
  return v.identityTrustAnchorsPEM.trim();
}

function image(v: MeshValues): { image: string; imagePullPolicy: string } {
  const i = v.proxy.image;
  return { image: `${i.name}:${i.version || v.linkerdVersion}`, imagePullPolicy: i.pullPolicy || v.imagePullPolicy };
}

/** The `resources` block, with only the limits and requests that are set (nothing when none is). */
export function resources(r: ResourceValues | null | undefined): object | undefined {
  const pick = (field: 'limit' | 'request') => {
    const out: Record<string, string> = {};
    for (const kind of ['cpu', 'memory', 'ephemeral-storage'] as const) {
      const q = r?.[kind]?.[field];
      if (q) out[kind] = q;
    }
    return Object.keys(out).length ? out : undefined;
  };
  const limits = pick('limit');
  const requests = pick('request');
  return limits || requests ? { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) } : undefined;
}

const hasEntries = (o: object | null | undefined) => !!o && Object.keys(o).length > 0;

function proxySecurityContext(p: ProxyValues): object {
  if (hasEntries(p.securityContext)) return { ...p.securityContext };
  const caps = p.capabilities;
  const capabilities = hasEntries(caps)
    ? { ...(caps?.add?.length ? { add: [...caps.add] } : {}), ...(caps?.drop?.length ? { drop: [...caps.drop] } : {}) }
    : undefined;
  return {
    allowPrivilegeEscalation: false,
    ...(capabilities && Object.keys(capabilities).length ? { capabilities } : {}),
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: p.uid,
    ...(Math.trunc(p.gid) >= 0 ? { runAsGroup: p.gid } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function lifecycle(p: ProxyValues): object | undefined {
  if (p.nativeSidecar || !(p.await || p.waitBeforeExitSeconds)) return undefined;
  return {
    ...(p.await ? { postStart: { exec: { command: ['/usr/lib/linkerd/linkerd-await', '--timeout=2m', `--port=${p.ports.admin}`] } } } : {}),
    ...(p.waitBeforeExitSeconds ? { preStop: { exec: { command: ['/bin/sleep', text(p.waitBeforeExitSeconds)] } } } : {}),
  };
}

/** The linkerd-proxy container (_proxy.tpl) for a control plane in namespace `ns`. */
export function proxyContainer(v: MeshValues, ns: string): Container {
  const p = v.proxy;
  const admin = p.ports.admin;
  const probe = (path: string, extra: object) => ({ httpGet: { path, port: admin }, ...extra });
  const res = hasEntries(p.resources) ? resources(p.resources) : undefined;
  const life = lifecycle(p);
  return {
    env: proxyEnv(v, ns),
    ...image(v),
    livenessProbe: probe('/live', { initialDelaySeconds: p.livenessProbe.initialDelaySeconds, timeoutSeconds: p.livenessProbe.timeoutSeconds }),
    name: PROXY_CONTAINER,
    ports: [
      { containerPort: p.ports.inbound, name: 'linkerd-proxy' },
      { containerPort: admin, name: 'linkerd-admin' },
    ],
    readinessProbe: probe('/ready', { initialDelaySeconds: p.readinessProbe.initialDelaySeconds, timeoutSeconds: p.readinessProbe.timeoutSeconds }),
    // A native sidecar must be up before the app containers start, so it gets a startup probe.
    ...(p.nativeSidecar && p.await ? { startupProbe: probe('/ready', { ...p.startupProbe }) } : {}),
    ...(res ? { resources: res } : {}),
    securityContext: proxySecurityContext(p),
    terminationMessagePolicy: 'FallbackToLogsOnError',
    ...(life ? { lifecycle: life } : {}),
    volumeMounts: [
      { mountPath: END_ENTITY_DIR, name: END_ENTITY_VOLUME },
      ...(p.tracing?.enabled ? [{ mountPath: PODINFO_DIR, name: PODINFO_VOLUME }] : []),
      ...(v.identity.serviceAccountTokenProjection ? [{ mountPath: TOKEN_DIR, name: TOKEN_VOLUME }] : []),
      ...(p.saMountPath ? [{ mountPath: p.saMountPath.mountPath, name: p.saMountPath.name, readOnly: p.saMountPath.readOnly }] : []),
    ],
    ...(p.nativeSidecar ? { restartPolicy: 'Always' } : {}),
  };
}

/**
 * proxy-init (_proxy-init.tpl) writes the iptables rules that send the pod's traffic through the proxy; it
 * leaves the proxy's own admin and control ports, and the ports it is told to skip, alone.
 */
export function proxyInitContainer(v: MeshValues): Container {
  const p = v.proxy;
  const init = v.proxyInit;
  const mode = init.iptablesMode || 'legacy';
  if (mode !== 'nft' && mode !== 'legacy') throw new ProxyValuesError(`Unsupported value "${init.iptablesMode}" for proxyInit.iptablesMode\nValid values: ["nft", "legacy"]`);
  if (init.closeWaitTimeoutSecs && !init.runAsRoot) throw new ProxyValuesError('proxyInit.runAsRoot must be set to use proxyInit.closeWaitTimeoutSecs');
  const flag = (name: string, v2: unknown) => (v2 ? [name, text(v2 as string)] : []);
  const escalate = !!(init.closeWaitTimeoutSecs || init.privileged);
  const user = (n: number) => (Math.trunc(n) === 0 ? 65534 : n);
  return {
    args: [
      ...(mode === 'nft' ? ['--firewall-bin-path', 'iptables-nft', '--firewall-save-bin-path', 'iptables-nft-save'] : []),
      ...(v.disableIPv6 ? ['--ipv6=false'] : []),
      '--incoming-proxy-port', text(p.ports.inbound),
      '--outgoing-proxy-port', text(p.ports.outbound),
      '--proxy-uid', text(p.uid),
      ...(Math.trunc(p.gid) >= 0 ? ['--proxy-gid', text(p.gid)] : []),
      '--inbound-ports-to-ignore', `${p.ports.control},${p.ports.admin}${init.ignoreInboundPorts ? `,${init.ignoreInboundPorts}` : ''}`,
      ...flag('--outbound-ports-to-ignore', init.ignoreOutboundPorts),
      ...flag('--timeout-close-wait-secs', init.closeWaitTimeoutSecs),
      ...flag('--log-format', init.logFormat),
      ...flag('--log-level', init.logLevel),
      ...flag('--subnets-to-ignore', init.skipSubnets),
    ],
    ...image(v),
    command: ['/usr/lib/linkerd/linkerd2-proxy-init'],
    name: INIT_CONTAINER,
    ...((r) => (r ? { resources: r } : {}))(resources(p.resources)),
    securityContext: {
      allowPrivilegeEscalation: escalate,
      capabilities: {
        add: ['NET_ADMIN', 'NET_RAW', ...(init.capabilities?.add ?? [])],
        ...(init.capabilities?.drop?.length ? { drop: [...init.capabilities.drop] } : {}),
      },
      privileged: escalate,
      ...(init.runAsRoot ? { runAsGroup: 0, runAsNonRoot: false, runAsUser: 0 } : { runAsNonRoot: true, runAsUser: user(init.runAsUser), runAsGroup: user(init.runAsGroup) }),
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    terminationMessagePolicy: 'FallbackToLogsOnError',
    ...(!v.cniEnabled || init.saMountPath
      ? {
          volumeMounts: [
            ...(v.cniEnabled ? [] : [{ mountPath: init.xtMountPath.mountPath, name: init.xtMountPath.name }]),
            ...(init.saMountPath ? [{ mountPath: init.saMountPath.mountPath, name: init.saMountPath.name, readOnly: init.saMountPath.readOnly }] : []),
          ],
        }
      : {}),
  };
}

/** The linkerd-debug sidecar (_debug.tpl), injected on request. */
export function debugContainer(v: MeshValues): Container {
  const i = v.debugContainer.image;
  const alwaysTrue = { exec: { command: ['true'] } };
  return {
    image: `${i.name}:${i.version || v.linkerdVersion}`,
    imagePullPolicy: i.pullPolicy || v.imagePullPolicy,
    name: 'linkerd-debug',
    terminationMessagePolicy: 'FallbackToLogsOnError',
    livenessProbe: alwaysTrue,
    readinessProbe: alwaysTrue,
  };
}

export const xtablesVolume = (): object => ({ emptyDir: {}, name: XTABLES_VOLUME });
export const endEntityVolume = (): object => ({ emptyDir: { medium: 'Memory' }, name: END_ENTITY_VOLUME });
export const podinfoVolume = (): object => ({
  name: PODINFO_VOLUME,
  downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }] },
});
export const tokenVolume = (): object => ({
  name: TOKEN_VOLUME,
  projected: { sources: [{ serviceAccountToken: { path: TOKEN_VOLUME, expirationSeconds: 86400, audience: 'identity.l5d.io' } }] },
});
