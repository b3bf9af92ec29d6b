import type { EnvVar } from './pod';

/**
 * The parts of Linkerd's chart values (the `values` of linkerd-config, pkg/charts/linkerd2/values.go) that
 * build a proxy and its init container. The control plane renders its own proxies from them, and the
 * simulator's injector renders injected ones from the values it reads back from the cluster, as Linkerd's
 * injector does.
 */
export interface Quantities {
  readonly limit: string;
  readonly request: string;
}

export interface ResourceValues {
  readonly cpu?: Quantities;
  readonly memory?: Quantities;
  readonly 'ephemeral-storage'?: Quantities;
}

export interface Capabilities {
  readonly add?: readonly string[];
  readonly drop?: readonly string[];
}

export interface VolumeMountPath {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
}

export interface ImageValues {
  readonly name: string;
  readonly pullPolicy: string;
  /** Empty: the release's `linkerdVersion`. */
  readonly version: string;
}

/** `inbound`/`outbound` → scope (`server`) → protocol (`http2`) → parameter → value, each an env var. */
export type ProxyParams = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>>>>;

export interface TracingValues {
  readonly enabled: boolean;
  readonly collector: { readonly endpoint: string; readonly meshIdentity: { readonly namespace: string; readonly serviceAccountName: string } | null };
  readonly labels: Readonly<Record<string, string>> | null;
  readonly protocol: string;
  readonly traceServiceName: string;
}

export interface ProxyValues {
  readonly accessLog: string;
  readonly additionalEnv: readonly EnvVar[] | null;
  readonly await: boolean;
  readonly capabilities: Capabilities | null;
  /** Which control-plane component the proxy sits next to (identity and destination serve theirs locally). */
  readonly component?: string;
  readonly control: { readonly streams: { readonly initialTimeout: string; readonly idleTimeout: string; readonly lifetime: string } };
  /** Deprecated fixed core count; `runtime.workers` when absent. */
  readonly cores?: number;
  readonly defaultInboundPolicy: string;
  readonly disableInboundProtocolDetectTimeout: boolean;
  readonly disableOutboundProtocolDetectTimeout: boolean;
  readonly enableExternalProfiles: boolean;
  readonly enableShutdownEndpoint: boolean;
  readonly experimentalEnv: readonly EnvVar[] | null;
  readonly gid: number;
  readonly image: ImageValues;
  readonly inbound: ProxyParams;
  readonly inboundConnectTimeout: string;
  readonly inboundDiscoveryCacheUnusedTimeout: string;
  readonly isGateway: boolean;
  readonly isIngress: boolean;
  readonly livenessProbe: { readonly initialDelaySeconds: number; readonly timeoutSeconds: number };
  /** Control-plane proxies read the anchors from the trust-roots ConfigMap; injected ones carry them inline. */
  readonly loadTrustBundleFromConfigMap?: boolean;
  readonly logFormat: string;
  readonly logHTTPHeaders: string;
  readonly logLevel: string;
  readonly metrics: { readonly hostnameLabels: boolean };
  readonly nativeSidecar: boolean;
  readonly opaquePorts: string;
  readonly outbound: ProxyParams;
  readonly outboundConnectTimeout: string;
  readonly outboundDiscoveryCacheUnusedTimeout: string;
  readonly outboundTransportMode: string;
  readonly podInboundPorts: string;
  readonly ports: { readonly admin: number; readonly control: number; readonly inbound: number; readonly outbound: number };
  readonly readinessProbe: { readonly initialDelaySeconds: number; readonly timeoutSeconds: number };
  readonly requireIdentityOnInboundPorts: string;
  readonly requireTLSOnInboundPorts?: string;
  readonly resources: ResourceValues | null;
  readonly runtime: { readonly workers: { readonly minimum?: number; readonly maximum?: number; readonly maximumCPURatio?: number } };
  readonly saMountPath: VolumeMountPath | null;
  readonly securityContext: Readonly<Record<string, unknown>> | null;
  readonly shutdownGracePeriod: string;
  readonly startupProbe: { readonly initialDelaySeconds: number; readonly periodSeconds: number; readonly failureThreshold: number };
  readonly tracing: TracingValues | null;
  readonly uid: number;
  readonly waitBeforeExitSeconds: number;
}

export interface ProxyInitValues {
  readonly capabilities: Capabilities | null;
  readonly closeWaitTimeoutSecs: number;
  readonly ignoreInboundPorts: string;
  readonly ignoreOutboundPorts: string;
  readonly iptablesMode: string;
  readonly kubeAPIServerPorts: string;
  readonly logFormat: string;
  readonly logLevel: string;
  readonly privileged: boolean;
  readonly resources?: ResourceValues | null;
  readonly runAsGroup: number;
  readonly runAsRoot: boolean;
  readonly runAsUser: number;
  readonly saMountPath: VolumeMountPath | null;
  readonly skipSubnets: string;
  readonly xtMountPath: VolumeMountPath;
}

/** What rendering a proxy reads from the values, besides `proxy` and `proxyInit`. */
export interface MeshValues {
  readonly clusterDomain: string;
  readonly clusterNetworks: string;
  readonly cniEnabled: boolean;
  readonly debugContainer: { readonly image: ImageValues };
  readonly disableIPv6: boolean;
  readonly identity: { readonly serviceAccountTokenProjection: boolean } & Readonly<Record<string, unknown>>;
  readonly identityTrustAnchorsPEM: string;
  readonly identityTrustDomain: string;
  readonly imagePullPolicy: string;
  readonly linkerdVersion: string;
  readonly proxy: ProxyValues;
  readonly proxyInit: ProxyInitValues;
}
