/**
 * The chart defaults of the bundled release that more than one object repeats (the linkerd-config values,
 * container args and the proxy environment), kept in one place so they cannot drift apart.
 */
export const CLUSTER_NETWORKS = '10.0.0.0/8,100.64.0.0/10,172.16.0.0/12,192.168.0.0/16,fd00::/8';
/** Ports the API server usually listens on; proxy-init must not redirect them or identity cannot reach the API. */
export const KUBE_API_SERVER_PORTS = '443,6443';
export const OPAQUE_PORTS = '25,587,3306,4444,5432,6379,9300,11211';
export const DEFAULT_INBOUND_POLICY = 'all-unauthenticated';
export const GLOBAL_EGRESS_NAMESPACE = 'linkerd-egress';
export const PROBE_NETWORKS = ['0.0.0.0/0', '::/0'];
/** Keep-alive settings the destination controller hands to meshed HTTP/2 clients (passed to it as JSON). */
export const MESHED_HTTP2_CLIENT_PARAMS = { keep_alive: { interval: { seconds: 10 }, timeout: { seconds: 3 }, while_idle: true } };

export const CONTROLLER = { uid: 2103, logLevel: 'info', logFormat: 'plain', replicas: 1 } as const;

export const IDENTITY = {
  issuanceLifetime: '24h0m0s',
  clockSkewAllowance: '20s',
  scheme: 'linkerd.io/tls',
  clientQPS: 100,
  clientBurst: 200,
} as const;

export const PROXY = {
  uid: 2102,
  ports: { admin: 4191, control: 4190, inbound: 4143, outbound: 4140 },
  logLevel: 'warn,linkerd=info,hickory=error',
  logFormat: 'plain',
  logHttpHeaders: 'off',
  streams: { initialTimeout: '3s', idleTimeout: '5m', lifetime: '1h' },
  inboundConnectTimeout: '100ms',
  outboundConnectTimeout: '1000ms',
  outboundDiscoveryIdleTimeout: '5s',
  inboundDiscoveryIdleTimeout: '90s',
  http2KeepAlive: { interval: '10s', timeout: '3s' },
  livenessProbe: { initialDelaySeconds: 10, timeoutSeconds: 1 },
  readinessProbe: { initialDelaySeconds: 2, timeoutSeconds: 1 },
  startupProbe: { initialDelaySeconds: 0, periodSeconds: 1, failureThreshold: 120 },
  minimumWorkers: 1,
} as const;

export const PROXY_INIT = {
  uid: 65534,
  gid: 65534,
  ignoreInboundPorts: '4567,4568',
  ignoreOutboundPorts: '4567,4568',
  iptablesMode: 'nft',
  xtablesLock: { name: 'linkerd-proxy-init-xtables-lock', mountPath: '/run' },
} as const;

/** Deployment rollout defaults shared by the three control-plane deployments. */
export const ROLLOUT = { revisionHistoryLimit: 10, maxSurge: '25%', maxUnavailable: '25%' } as const;

/** Container ports of the control-plane components (the proxy's own are in PROXY.ports). */
export const PORTS = {
  identityGrpc: 8080,
  identityAdmin: 9990,
  destinationGrpc: 8086,
  destinationAdmin: 9996,
  spValidatorWebhook: 8443,
  spValidatorAdmin: 9997,
  policyGrpc: 8090,
  policyAdmin: 9990,
  policyWebhook: 9443,
  injectorWebhook: 8443,
  injectorAdmin: 9995,
} as const;
