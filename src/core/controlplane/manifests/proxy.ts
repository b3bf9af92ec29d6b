import type { RenderContext } from './context';
import { DEFAULT_INBOUND_POLICY, OPAQUE_PORTS, PORTS, PROXY, PROXY_INIT } from './defaults';
import { TRUST_ROOTS_KEY, TRUST_ROOTS_CONFIGMAP } from './identityConfig';
import { RESTRICTED, type Container, type EnvVar } from './pod';

const END_ENTITY_VOLUME = 'linkerd-identity-end-entity';
const END_ENTITY_DIR = '/var/run/linkerd/identity/end-entity';
const TOKEN_VOLUME = 'linkerd-identity-token';
const TOKEN_DIR = '/var/run/secrets/tokens';

/** Where a control-plane proxy finds the control plane: its own pod's container (localhost) or the Services. */
export interface ProxyPlacement {
  /** Ports the pod's other containers listen on. */
  readonly inboundPorts: readonly number[];
  /** The destination and policy containers serve their own pod's proxy over localhost. */
  readonly localDestination?: boolean;
  /** The identity container serves its own pod's proxy over localhost, and requires TLS on its gRPC port. */
  readonly localIdentity?: boolean;
  /** Native sidecar: an init container that keeps running (`restartPolicy: Always`) with a startup probe. */
  readonly native: boolean;
}

function fieldRef(name: string, fieldPath: string): EnvVar {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

const value = (name: string, v: string): EnvVar => ({ name, value: v });

function serviceAddress(ctx: RenderContext, service: string, port: number): string {
  return `${service}.${ctx.namespace}.svc.${ctx.clusterDomain}.:${port}`;
}

function identityName(ctx: RenderContext, account: string, namespace = ctx.namespace): string {
  return `${account}.${namespace}.serviceaccount.identity.${ctx.namespace}.${ctx.trustDomain}`;
}

/** The proxy's environment. Order matters: `$(var)` references only resolve to variables defined earlier. */
function proxyEnv(ctx: RenderContext, p: ProxyPlacement): EnvVar[] {
  const { ports } = PROXY;
  const keepAlive = (side: string): EnvVar[] => [
    value(`LINKERD2_PROXY_${side}_SERVER_HTTP2_KEEP_ALIVE_INTERVAL`, PROXY.http2KeepAlive.interval),
    value(`LINKERD2_PROXY_${side}_SERVER_HTTP2_KEEP_ALIVE_TIMEOUT`, PROXY.http2KeepAlive.timeout),
  ];
  const destinationName = identityName(ctx, 'linkerd-destination');
  return [
    fieldRef('_pod_name', 'metadata.name'),
    fieldRef('_pod_ns', 'metadata.namespace'),
    fieldRef('_pod_uid', 'metadata.uid'),
    fieldRef('_pod_ip', 'status.podIP'),
    fieldRef('_pod_nodeName', 'spec.nodeName'),
    value('_pod_containerName', 'linkerd-proxy'),
    value('LINKERD2_PROXY_CORES', String(PROXY.minimumWorkers)),
    value('LINKERD2_PROXY_CORES_MIN', String(PROXY.minimumWorkers)),
    ...(p.localIdentity ? [value('LINKERD2_PROXY_INBOUND_PORTS_REQUIRE_TLS', String(PORTS.identityGrpc))] : []),
    value('LINKERD2_PROXY_SHUTDOWN_ENDPOINT_ENABLED', 'false'),
    value('LINKERD2_PROXY_LOG', `${PROXY.logLevel},[{headers}]=${PROXY.logHttpHeaders},[{request}]=${PROXY.logHttpHeaders}`),
    value('LINKERD2_PROXY_LOG_FORMAT', PROXY.logFormat),
    value('LINKERD2_PROXY_DESTINATION_SVC_ADDR', p.localDestination ? `localhost.:${PORTS.destinationGrpc}` : serviceAddress(ctx, 'linkerd-dst-headless', PORTS.destinationGrpc)),
    value('LINKERD2_PROXY_DESTINATION_PROFILE_NETWORKS', ctx.clusterNetworks),
    value('LINKERD2_PROXY_POLICY_SVC_ADDR', p.localDestination ? `localhost.:${PORTS.policyGrpc}` : serviceAddress(ctx, 'linkerd-policy', PORTS.policyGrpc)),
    value('LINKERD2_PROXY_POLICY_WORKLOAD', '{"ns":"$(_pod_ns)", "pod":"$(_pod_name)"}\n'),
    value('LINKERD2_PROXY_INBOUND_DEFAULT_POLICY', DEFAULT_INBOUND_POLICY),
    value('LINKERD2_PROXY_POLICY_CLUSTER_NETWORKS', ctx.clusterNetworks),
    value('LINKERD2_PROXY_CONTROL_STREAM_INITIAL_TIMEOUT', PROXY.streams.initialTimeout),
    value('LINKERD2_PROXY_CONTROL_STREAM_IDLE_TIMEOUT', PROXY.streams.idleTimeout),
    value('LINKERD2_PROXY_CONTROL_STREAM_LIFETIME', PROXY.streams.lifetime),
    value('LINKERD2_PROXY_INBOUND_CONNECT_TIMEOUT', PROXY.inboundConnectTimeout),
    value('LINKERD2_PROXY_OUTBOUND_CONNECT_TIMEOUT', PROXY.outboundConnectTimeout),
    value('LINKERD2_PROXY_OUTBOUND_DISCOVERY_IDLE_TIMEOUT', PROXY.outboundDiscoveryIdleTimeout),
    value('LINKERD2_PROXY_INBOUND_DISCOVERY_IDLE_TIMEOUT', PROXY.inboundDiscoveryIdleTimeout),
    value('LINKERD2_PROXY_CONTROL_LISTEN_ADDR', `0.0.0.0:${ports.control}`),
    value('LINKERD2_PROXY_ADMIN_LISTEN_ADDR', `0.0.0.0:${ports.admin}`),
    value('LINKERD2_PROXY_OUTBOUND_LISTEN_ADDR', `127.0.0.1:${ports.outbound}`),
    value('LINKERD2_PROXY_OUTBOUND_LISTEN_ADDRS', `127.0.0.1:${ports.outbound}`),
    value('LINKERD2_PROXY_INBOUND_LISTEN_ADDR', `0.0.0.0:${ports.inbound}`),
    fieldRef('LINKERD2_PROXY_INBOUND_IPS', 'status.podIPs'),
    value('LINKERD2_PROXY_INBOUND_PORTS', [...new Set(p.inboundPorts)].sort((a, b) => a - b).join(',')),
    value('LINKERD2_PROXY_DESTINATION_PROFILE_SUFFIXES', `svc.${ctx.clusterDomain}.`),
    value('LINKERD2_PROXY_INBOUND_ACCEPT_KEEPALIVE', '10000ms'),
    value('LINKERD2_PROXY_OUTBOUND_CONNECT_KEEPALIVE', '10000ms'),
    value('LINKERD2_PROXY_INBOUND_ACCEPT_USER_TIMEOUT', '30s'),
    value('LINKERD2_PROXY_OUTBOUND_CONNECT_USER_TIMEOUT', '30s'),
    value('LINKERD2_PROXY_OUTBOUND_METRICS_HOSTNAME_LABELS', 'false'),
    ...keepAlive('INBOUND'),
    ...keepAlive('OUTBOUND'),
    value('LINKERD2_PROXY_INBOUND_PORTS_DISABLE_PROTOCOL_DETECTION', OPAQUE_PORTS),
    value('LINKERD2_PROXY_DESTINATION_CONTEXT', '{"ns":"$(_pod_ns)", "nodeName":"$(_pod_nodeName)", "pod":"$(_pod_name)"}\n'),
    fieldRef('_pod_sa', 'spec.serviceAccountName'),
    value('_l5d_ns', ctx.namespace),
    value('_l5d_trustdomain', ctx.trustDomain),
    value('LINKERD2_PROXY_IDENTITY_DIR', END_ENTITY_DIR),
    { name: 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS', valueFrom: { configMapKeyRef: { name: TRUST_ROOTS_CONFIGMAP, key: TRUST_ROOTS_KEY } } },
    value('LINKERD2_PROXY_IDENTITY_TOKEN_FILE', `${TOKEN_DIR}/${TOKEN_VOLUME}`),
    value('LINKERD2_PROXY_IDENTITY_SVC_ADDR', p.localIdentity ? `localhost.:${PORTS.identityGrpc}` : serviceAddress(ctx, 'linkerd-identity-headless', PORTS.identityGrpc)),
    value('LINKERD2_PROXY_IDENTITY_LOCAL_NAME', identityName(ctx, '$(_pod_sa)', '$(_pod_ns)')),
    value('LINKERD2_PROXY_IDENTITY_SVC_NAME', identityName(ctx, 'linkerd-identity')),
    value('LINKERD2_PROXY_DESTINATION_SVC_NAME', destinationName),
    value('LINKERD2_PROXY_POLICY_SVC_NAME', destinationName),
  ];
}

function httpProbe(path: string, extra: object): object {
  return { httpGet: { path, port: PROXY.ports.admin }, ...extra };
}

export function proxyContainer(ctx: RenderContext, p: ProxyPlacement): Container {
  return {
    env: proxyEnv(ctx, p),
    image: ctx.proxyImage,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: httpProbe('/live', PROXY.livenessProbe),
    name: 'linkerd-proxy',
    ports: [
      { containerPort: PROXY.ports.inbound, name: 'linkerd-proxy' },
      { containerPort: PROXY.ports.admin, name: 'linkerd-admin' },
    ],
    readinessProbe: httpProbe('/ready', PROXY.readinessProbe),
    // A native sidecar must be up before the containers start, so it gets a startup probe.
    ...(p.native ? { startupProbe: httpProbe('/ready', PROXY.startupProbe) } : {}),
    securityContext: { ...RESTRICTED, runAsUser: PROXY.uid },
    terminationMessagePolicy: 'FallbackToLogsOnError',
    volumeMounts: [
      { mountPath: END_ENTITY_DIR, name: END_ENTITY_VOLUME },
      { mountPath: TOKEN_DIR, name: TOKEN_VOLUME },
    ],
    ...(p.native ? { restartPolicy: 'Always' } : {}),
  };
}

/**
 * proxy-init writes the iptables rules that send the pod's traffic through the proxy; it leaves the proxy's
 * own admin/control ports and the API server's ports alone.
 */
export function proxyInitContainer(ctx: RenderContext): Container {
  const mode = PROXY_INIT.iptablesMode;
  const { ports } = PROXY;
  return {
    args: [
      '--firewall-bin-path', `iptables-${mode}`,
      '--firewall-save-bin-path', `iptables-${mode}-save`,
      '--ipv6=false',
      '--incoming-proxy-port', String(ports.inbound),
      '--outgoing-proxy-port', String(ports.outbound),
      '--proxy-uid', String(PROXY.uid),
      '--inbound-ports-to-ignore', `${ports.control},${ports.admin},${PROXY_INIT.ignoreInboundPorts}`,
      '--outbound-ports-to-ignore', ctx.kubeApiServerPorts,
    ],
    image: ctx.proxyInitImage,
    command: [...ctx.release.images.proxyInit.command],
    imagePullPolicy: 'IfNotPresent',
    name: 'linkerd-init',
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'] },
      privileged: false,
      ...(ctx.proxyInitRunAsRoot ? { runAsNonRoot: false, runAsUser: 0, runAsGroup: 0 } : { runAsNonRoot: true, runAsUser: PROXY_INIT.uid, runAsGroup: PROXY_INIT.gid }),
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    terminationMessagePolicy: 'FallbackToLogsOnError',
    volumeMounts: [{ mountPath: PROXY_INIT.xtablesLock.mountPath, name: PROXY_INIT.xtablesLock.name }],
  };
}

/** Volumes the proxy and proxy-init need: the xtables lock, the identity token and the in-memory leaf key. */
export function proxyVolumes(): object[] {
  return [
    { emptyDir: {}, name: PROXY_INIT.xtablesLock.name },
    {
      name: TOKEN_VOLUME,
      projected: { sources: [{ serviceAccountToken: { path: TOKEN_VOLUME, expirationSeconds: 86400, audience: 'identity.l5d.io' } }] },
    },
    { emptyDir: { medium: 'Memory' }, name: END_ENTITY_VOLUME },
  ];
}
