import type { WebhookName } from '../certs/webhooks';
import type { RenderContext } from './context';
import { CONTROLLER, DEFAULT_INBOUND_POLICY, GLOBAL_EGRESS_NAMESPACE, IDENTITY, MESHED_HTTP2_CLIENT_PARAMS, OPAQUE_PORTS, PROBE_NETWORKS, PROXY, PROXY_INIT, ROLLOUT } from './defaults';
import type { MeshValues, ProxyValues } from './meshValues';
import { createdBy, meta, type K8sObject } from './meta';
import { RESTRICTED } from './pod';
import { INJECTOR_NAMESPACE_SELECTOR, VALIDATOR_NAMESPACE_SELECTOR } from './webhooks';
import { parse } from 'yaml';
import { toYamlDocument } from './yaml';

export const LINKERD_CONFIG = 'linkerd-config';

const NO_LIMITS = { cpu: { limit: '', request: '' }, 'ephemeral-storage': { limit: '', request: '' }, memory: { limit: '', request: '' } };

/** A webhook's values: our certificate and CA, never the key (linkerd-config is readable by every extension). */
function webhookValues(ctx: RenderContext, name: WebhookName, namespaceSelector: object): object {
  return {
    caBundle: ctx.webhooks.caBundlePem,
    crtPEM: ctx.webhooks.servers[name].certPem,
    externalSecret: false,
    injectCaFrom: '',
    injectCaFromSecret: '',
    namespaceSelector,
  };
}

/**
 * The chart values of this install, as `linkerd install` records them: `linkerd check`/`version` read them,
 * and the proxy injector builds every injected proxy from them, so they must be complete and match the
 * objects we render. Private keys are left out.
 */
export function linkerdConfigValues(ctx: RenderContext): MeshValues & Record<string, unknown> {
  const { images } = ctx.release;
  return {
    cliVersion: ctx.createdBy,
    clusterDomain: ctx.clusterDomain,
    clusterNetworks: ctx.clusterNetworks,
    cniEnabled: false,
    controller: {
      podDisruptionBudget: { maxUnavailable: '1' },
      tracing: { collector: { endpoint: '', meshIdentity: null }, enabled: false, labels: null, protocol: '', traceServiceName: '' },
    },
    controllerGID: -1,
    controllerImage: images.controller.name,
    controllerLogFormat: CONTROLLER.logFormat,
    controllerLogLevel: CONTROLLER.logLevel,
    controllerReplicas: CONTROLLER.replicas,
    controllerUID: CONTROLLER.uid,
    debugContainer: { image: { name: images.debug.name, pullPolicy: '', version: images.debug.tag } },
    deploymentStrategy: { rollingUpdate: { maxSurge: ROLLOUT.maxSurge, maxUnavailable: ROLLOUT.maxUnavailable } },
    destinationController: {
      meshedHttp2ClientProtobuf: MESHED_HTTP2_CLIENT_PARAMS,
      podAnnotations: {},
    },
    destinationProxyResources: null,
    destinationResources: null,
    disableHeartBeat: false,
    disableIPv6: true,
    egress: { globalEgressNetworkNamespace: GLOBAL_EGRESS_NAMESPACE },
    enableEndpointSlices: true,
    enableH2Upgrade: true,
    enablePodAntiAffinity: false,
    enablePodDisruptionBudget: false,
    heartbeat: null,
    heartbeatResources: null,
    heartbeatSchedule: ctx.heartbeatSchedule,
    highAvailability: false,
    identity: {
      additionalEnv: null,
      experimentalEnv: null,
      externalCA: false,
      issuer: {
        clockSkewAllowance: IDENTITY.clockSkewAllowance,
        issuanceLifetime: IDENTITY.issuanceLifetime,
        scheme: IDENTITY.scheme,
        tls: { crtPEM: ctx.identity.issuer.certPem },
      },
      kubeAPI: { clientBurst: IDENTITY.clientBurst, clientQPS: IDENTITY.clientQPS },
      podAnnotations: {},
      serviceAccountTokenProjection: true,
    },
    identityProxyResources: null,
    identityResources: null,
    identityTrustAnchorsPEM: ctx.identity.trustAnchorsPem,
    identityTrustDomain: ctx.trustDomain,
    imagePullPolicy: 'IfNotPresent',
    imagePullSecrets: [],
    linkerdVersion: ctx.release.edge,
    networkValidator: { connectAddr: '', listenAddr: '', logFormat: 'plain', logLevel: 'debug', securityContext: { ...RESTRICTED, runAsUser: PROXY_INIT.uid, runAsGroup: PROXY_INIT.gid }, timeout: '10s' },
    nodeAffinity: null,
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    podAnnotations: {},
    podLabels: {},
    podMonitor: {
      controller: { enabled: true, honorTimestamps: false, namespaceSelector: `matchNames:\n  - {{ .Release.Namespace }}\n  - linkerd-viz\n` },
      enabled: false,
      proxy: { enabled: true, honorTimestamps: false },
      scrapeInterval: '10s',
      scrapeTimeout: '10s',
      serviceMirror: { enabled: true, honorTimestamps: false },
    },
    policyController: { logLevel: CONTROLLER.logLevel, probeNetworks: PROBE_NETWORKS, resources: NO_LIMITS },
    policyValidator: webhookValues(ctx, 'policy-validator', VALIDATOR_NAMESPACE_SELECTOR),
    priorityClassName: '',
    profileValidator: webhookValues(ctx, 'sp-validator', VALIDATOR_NAMESPACE_SELECTOR),
    prometheusUrl: '',
    proxy: proxyValues(ctx),
    proxyContainerName: 'linkerd-proxy',
    proxyInit: {
      capabilities: null,
      closeWaitTimeoutSecs: 0,
      ignoreInboundPorts: PROXY_INIT.ignoreInboundPorts,
      ignoreOutboundPorts: PROXY_INIT.ignoreOutboundPorts,
      iptablesMode: PROXY_INIT.iptablesMode,
      kubeAPIServerPorts: ctx.kubeApiServerPorts,
      logFormat: '',
      logLevel: '',
      privileged: false,
      resources: null,
      runAsGroup: PROXY_INIT.gid,
      runAsRoot: ctx.proxyInitRunAsRoot,
      runAsUser: PROXY_INIT.uid,
      saMountPath: null,
      skipSubnets: '',
      xtMountPath: { mountPath: PROXY_INIT.xtablesLock.mountPath, name: PROXY_INIT.xtablesLock.name, readOnly: false },
    },
    proxyInjector: {
      additionalEnv: null,
      ...webhookValues(ctx, 'proxy-injector', INJECTOR_NAMESPACE_SELECTOR),
      experimentalEnv: null,
      podAnnotations: {},
    },
    proxyInjectorProxyResources: null,
    proxyInjectorResources: null,
    revisionHistoryLimit: ROLLOUT.revisionHistoryLimit,
    spValidator: { livenessProbe: { timeoutSeconds: 1 }, readinessProbe: { timeoutSeconds: 1 } },
    tolerations: null,
    webhookFailurePolicy: 'Ignore',
  };
}

function proxyValues(ctx: RenderContext): ProxyValues & Record<string, unknown> {
  const keepAlive = { server: { http2: { keepAliveInterval: PROXY.http2KeepAlive.interval, keepAliveTimeout: PROXY.http2KeepAlive.timeout } } };
  return {
    accessLog: '',
    additionalEnv: null,
    await: true,
    capabilities: null,
    control: { streams: PROXY.streams },
    defaultInboundPolicy: DEFAULT_INBOUND_POLICY,
    disableInboundProtocolDetectTimeout: false,
    disableOutboundProtocolDetectTimeout: false,
    enableExternalProfiles: false,
    enableShutdownEndpoint: false,
    experimentalEnv: null,
    gid: -1,
    // Empty, as linkerd install records it: the proxy then follows linkerdVersion on every upgrade.
    image: { name: ctx.release.images.proxy.name, pullPolicy: '', version: '' },
    inbound: keepAlive,
    inboundConnectTimeout: PROXY.inboundConnectTimeout,
    inboundDiscoveryCacheUnusedTimeout: PROXY.inboundDiscoveryIdleTimeout,
    isGateway: false,
    isIngress: false,
    livenessProbe: PROXY.livenessProbe,
    logFormat: PROXY.logFormat,
    logHTTPHeaders: PROXY.logHttpHeaders,
    logLevel: PROXY.logLevel,
    metrics: { hostnameLabels: false },
    nativeSidecar: true,
    opaquePorts: OPAQUE_PORTS,
    outbound: keepAlive,
    outboundConnectTimeout: PROXY.outboundConnectTimeout,
    outboundDiscoveryCacheUnusedTimeout: PROXY.outboundDiscoveryIdleTimeout,
    outboundTransportMode: 'transport-header',
    podInboundPorts: '',
    ports: PROXY.ports,
    readinessProbe: PROXY.readinessProbe,
    requireIdentityOnInboundPorts: '',
    resources: NO_LIMITS,
    runtime: { workers: { minimum: PROXY.minimumWorkers } },
    saMountPath: null,
    securityContext: {},
    shutdownGracePeriod: '',
    startupProbe: PROXY.startupProbe,
    tracing: {
      collector: { endpoint: '', meshIdentity: { namespace: '', serviceAccountName: '' } },
      enabled: false,
      labels: { 'k8s.container.name': '$(_pod_containerName)', 'k8s.pod.ip': '$(_pod_ip)', 'k8s.pod.uid': '$(_pod_uid)' },
      protocol: '',
      traceServiceName: 'linkerd-proxy',
    },
    uid: PROXY.uid,
    waitBeforeExitSeconds: 0,
  };
}

export function linkerdConfigMap(ctx: RenderContext): K8sObject {
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: meta(ctx, LINKERD_CONFIG, { component: 'controller', annotations: createdBy(ctx) }),
    data: {
      'linkerd-crds-chart-version': ctx.release.crdsChartVersion,
      values: toYamlDocument(linkerdConfigValues(ctx)),
    },
  };
}

/** linkerd-config's values with a new issuer certificate recorded, everything else kept (after a rotation). */
export function withIssuerInValues(valuesText: string, issuerCertPem: string): string {
  const values = (parse(valuesText, { version: '1.1' }) ?? {}) as { identity?: { issuer?: { tls?: Record<string, unknown> } } };
  const issuer = ((values.identity ??= {}).issuer ??= {});
  issuer.tls = { ...issuer.tls, crtPEM: issuerCertPem };
  return toYamlDocument(values);
}
