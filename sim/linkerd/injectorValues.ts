import { parse } from 'yaml';
import type { MeshValues, ProxyInitValues, ProxyValues, ResourceValues } from '../../src/core/controlplane/manifests/meshValues';
import type { EnvVar } from '../../src/core/controlplane/manifests/pod';

/**
 * What Linkerd's proxy injector does before it renders the patch, read from linkerd2's
 * controller/proxy-injector/webhook.go and pkg/inject/inject.go: it decodes linkerd-config's values into its
 * typed Values (pkg/config.Values, with sigs.k8s.io/yaml), then lays the pod's (and its namespace's)
 * config.linkerd.io annotations over them (ApplyAnnotationOverrides, MergeAdditionalEnv).
 */

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
export type InjectorValues = Mutable<MeshValues> & { proxy: Mutable<ProxyValues>; proxyInit: Mutable<ProxyInitValues> };

/** String fields of the Values struct that the patch reads: a YAML 1.1 boolean or number there becomes a string. */
const STRING_FIELDS: Record<string, readonly string[]> = {
  '': ['clusterDomain', 'clusterNetworks', 'identityTrustDomain', 'imagePullPolicy', 'linkerdVersion'],
  proxy: ['accessLog', 'defaultInboundPolicy', 'inboundConnectTimeout', 'inboundDiscoveryCacheUnusedTimeout', 'logFormat', 'logHTTPHeaders', 'logLevel', 'opaquePorts', 'outboundConnectTimeout', 'outboundDiscoveryCacheUnusedTimeout', 'podInboundPorts', 'requireIdentityOnInboundPorts', 'shutdownGracePeriod'],
  'proxy.image': ['name', 'pullPolicy', 'version'],
  proxyInit: ['ignoreInboundPorts', 'ignoreOutboundPorts', 'iptablesMode', 'kubeAPIServerPorts', 'logFormat', 'logLevel', 'skipSubnets'],
};

/**
 * linkerd-config's `values` as the injector reads them: YAML 1.1 (so `off` is a boolean), coerced into the
 * struct's string fields the way sigs.k8s.io/yaml does (`false` → "false"). Throws where the real decode fails.
 */
export function decodeValues(text: string, trustAnchorsPem: string): InjectorValues {
  const values = parse(text, { version: '1.1' }) as Record<string, unknown> | null;
  if (!values || typeof values !== 'object' || !values.proxy || !values.proxyInit) throw new Error('linkerd-config values lack proxy or proxyInit');
  for (const [path, fields] of Object.entries(STRING_FIELDS)) {
    const at = (path ? path.split('.') : []).reduce<Record<string, unknown> | undefined>((o, k) => o?.[k] as Record<string, unknown> | undefined, values);
    for (const f of fields) {
      const v = at?.[f];
      if (typeof v === 'boolean' || typeof v === 'number') at![f] = String(v);
    }
  }
  // The injector reads the anchors from the trust-roots ConfigMap it mounts, not from the values.
  return { ...(values as unknown as InjectorValues), identityTrustAnchorsPEM: trustAnchorsPem };
}

/** A Go duration (`1.5s`, `300ms`, `1h2m`) in seconds, or undefined when Go's time.ParseDuration would refuse it. */
export function goDurationSeconds(text: string): number | undefined {
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const m = /^([+-]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+|0)$/.exec(text);
  if (!m) return undefined;
  let total = 0;
  for (const part of m[2].matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * unit[part[2]];
  return m[1] === '-' ? -total : total;
}

const QUANTITY = /^(\d+(?:\.\d*)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const SCALE: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** A Kubernetes quantity in base units (cores for CPU), for the forms annotations use. */
function quantity(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  return m ? Number(m[1]) * SCALE[m[2] ?? ''] : undefined;
}

const goBool = (v: string): boolean | undefined => (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v) ? true : ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v) ? false : undefined);
const goInt = (v: string): number | undefined => (/^[+-]?\d+$/.test(v) ? Number(v) : undefined);
const POLICIES = ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'];

/** `config.linkerd.io/opaque-ports` as the injector normalises it: names resolved, ranges kept, junk dropped. */
function opaquePorts(text: string, named: ReadonlyMap<string, number>): string {
  const out: string[] = [];
  for (const raw of text.replace(/,$/, '').split(',')) {
    const r = raw.trim();
    const port = named.get(r);
    if (port !== undefined) {
      out.push(String(port));
      continue;
    }
    const [lo, hi = lo, extra] = r.split('-');
    const a = goInt(lo);
    const b = goInt(hi);
    if (extra !== undefined || a === undefined || b === undefined || a < 0 || b > 65535 || b < a) continue;
    out.push(a === b ? String(a) : `${a}-${b}`);
  }
  return out.join(',');
}

/** ApplyAnnotationOverrides: the pod's effective annotations over the values, in place. */
export function applyAnnotationOverrides(v: InjectorValues, ann: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>, named: ReadonlyMap<string, number>): void {
  const p = v.proxy;
  const init = v.proxyInit;
  const res = (p.resources ??= {}) as Mutable<ResourceValues>;
  const workers = (p.runtime ??= { workers: {} }).workers as { minimum?: number; maximum?: number; maximumCPURatio?: number };
  const on = (key: string, apply: (value: string) => void) => {
    if (ann[key] !== undefined) apply(ann[key]);
  };
  const ms = (value: string, set: (v: string) => void) => {
    const s = goDurationSeconds(value);
    if (s !== undefined) set(`${Math.trunc(s * 1000)}ms`);
  };
  const secs = (value: string, set: (v: string) => void) => {
    const s = goDurationSeconds(value);
    if (s !== undefined) set(`${Math.trunc(s)}s`);
  };
  const port = (field: keyof ProxyValues['ports']) => (value: string) => {
    const n = goInt(value);
    if (n !== undefined && Math.abs(n) < 2 ** 31) p.ports[field] = n;
  };
  const bool = (set: (b: boolean) => void) => (value: string) => {
    const b = goBool(value);
    if (b !== undefined) set(b);
  };
  const enabled = (set: (b: boolean) => void) => (value: string) => {
    if (value === 'enabled' || value === 'disabled') set(value === 'enabled');
  };
  const limit = (kind: 'cpu' | 'memory' | 'ephemeral-storage', field: 'limit' | 'request', cores?: 'minimum' | 'maximum') => (value: string) => {
    const q = quantity(value);
    if (q === undefined) return;
    res[kind] = { limit: '', request: '', ...res[kind], [field]: value };
    if (cores) workers[cores] = Math.ceil(q);
  };

  on('linkerd.io/inject', (x) => {
    if (x === 'ingress') p.isIngress = true;
  });
  on('config.linkerd.io/proxy-image', (x) => (p.image.name = x));
  on('config.linkerd.io/proxy-version', (x) => (p.image.version = x));
  on('config.linkerd.io/image-pull-policy', (x) => (p.image.pullPolicy = x));
  on('config.linkerd.io/control-port', port('control'));
  on('config.linkerd.io/inbound-port', port('inbound'));
  on('config.linkerd.io/admin-port', port('admin'));
  on('config.linkerd.io/outbound-port', port('outbound'));
  on('config.linkerd.io/pod-inbound-ports', (x) => (p.podInboundPorts = x));
  on('config.linkerd.io/proxy-admin-shutdown', enabled((b) => (p.enableShutdownEndpoint = b)));
  on('config.linkerd.io/proxy-log-level', (x) => (p.logLevel = x));
  on('config.linkerd.io/proxy-log-http-headers', (x) => (p.logHTTPHeaders = x));
  on('config.linkerd.io/proxy-log-format', (x) => (p.logFormat = x));
  on('config.linkerd.io/proxy-require-identity-inbound-ports', (x) => (p.requireIdentityOnInboundPorts = x));
  on('config.linkerd.io/proxy-metrics-hostname-labels', bool((b) => (p.metrics = { ...p.metrics, hostnameLabels: b })));
  on('config.linkerd.io/proxy-outbound-connect-timeout', (x) => ms(x, (d) => (p.outboundConnectTimeout = d)));
  on('config.linkerd.io/proxy-inbound-connect-timeout', (x) => ms(x, (d) => (p.inboundConnectTimeout = d)));
  on('config.linkerd.io/proxy-outbound-discovery-cache-unused-timeout', (x) => secs(x, (d) => (p.outboundDiscoveryCacheUnusedTimeout = d)));
  on('config.linkerd.io/proxy-inbound-discovery-cache-unused-timeout', (x) => secs(x, (d) => (p.inboundDiscoveryCacheUnusedTimeout = d)));
  on('config.linkerd.io/proxy-disable-outbound-protocol-detect-timeout', bool((b) => (p.disableOutboundProtocolDetectTimeout = b)));
  on('config.linkerd.io/proxy-disable-inbound-protocol-detect-timeout', bool((b) => (p.disableInboundProtocolDetectTimeout = b)));
  on('config.linkerd.io/shutdown-grace-period', (x) => ms(x, (d) => (p.shutdownGracePeriod = d)));
  on('config.linkerd.io/enable-gateway', bool((b) => (p.isGateway = b)));
  on('config.alpha.linkerd.io/proxy-wait-before-exit-seconds', (x) => {
    if (/^\d+$/.test(x)) p.waitBeforeExitSeconds = Number(x);
  });
  // The unprefixed annotation wins over the beta one, which wins over the alpha one.
  const native = ['config.linkerd.io', 'config.beta.linkerd.io', 'config.alpha.linkerd.io'].map((prefix) => `${prefix}/proxy-enable-native-sidecar`).find((k) => ann[k] !== undefined);
  if (native) bool((b) => (p.nativeSidecar = b))(ann[native]);
  on('config.linkerd.io/proxy-cpu-request', limit('cpu', 'request', 'minimum'));
  on('config.linkerd.io/proxy-cpu-limit', limit('cpu', 'limit', 'maximum'));
  on('config.linkerd.io/proxy-cpu-ratio-limit', (x) => {
    const r = Number(x);
    if (x.trim() !== '' && Number.isFinite(r) && r > 0 && r < 1) workers.maximumCPURatio = r;
  });
  on('config.linkerd.io/proxy-memory-request', limit('memory', 'request'));
  on('config.linkerd.io/proxy-memory-limit', limit('memory', 'limit'));
  on('config.linkerd.io/proxy-ephemeral-storage-request', limit('ephemeral-storage', 'request'));
  on('config.linkerd.io/proxy-ephemeral-storage-limit', limit('ephemeral-storage', 'limit'));
  on('config.linkerd.io/proxy-uid', (x) => (p.uid = goInt(x) ?? p.uid));
  on('config.linkerd.io/proxy-gid', (x) => (p.gid = goInt(x) ?? p.gid));
  on('config.linkerd.io/enable-external-profiles', bool((b) => (p.enableExternalProfiles = b)));
  on('config.linkerd.io/skip-inbound-ports', (x) => (init.ignoreInboundPorts = x));
  on('config.linkerd.io/skip-outbound-ports', (x) => (init.ignoreOutboundPorts = x));
  on('config.linkerd.io/opaque-ports', (x) => (p.opaquePorts = opaquePorts(x, named)));
  on('config.linkerd.io/debug-image', (x) => (v.debugContainer.image.name = x));
  on('config.linkerd.io/debug-image-version', (x) => (v.debugContainer.image.version = x));
  on('config.linkerd.io/debug-image-pull-policy', (x) => (v.debugContainer.image.pullPolicy = x));
  on('config.linkerd.io/proxy-await', enabled((b) => (p.await = b)));
  on('config.linkerd.io/default-inbound-policy', (x) => {
    if (POLICIES.includes(x)) p.defaultInboundPolicy = x;
  });
  on('config.linkerd.io/skip-subnets', (x) => (init.skipSubnets = x));
  on('config.linkerd.io/access-log', (x) => (p.accessLog = x));
  if (p.tracing) {
    const tracing = p.tracing as { labels: Record<string, string> | null };
    const tl = (tracing.labels ??= {});
    const service = labels['app.kubernetes.io/instance'] ?? labels['app.kubernetes.io/name'];
    if (service !== undefined) tl['service.name'] = service;
    for (const [k, x] of Object.entries(ann)) if (k.startsWith('resource.opentelemetry.io/')) tl[k.slice('resource.opentelemetry.io/'.length)] = x;
  }
}

/** MergeAdditionalEnv: the namespace's, then the workload's proxy-additional-env (JSON EnvVar lists) by name. */
export function mergeAdditionalEnv(v: InjectorValues, nsAnn: Readonly<Record<string, string>>, podAnn: Readonly<Record<string, string>>): void {
  for (const layer of [nsAnn['config.linkerd.io/proxy-additional-env'], podAnn['config.linkerd.io/proxy-additional-env']]) {
    if (!layer) continue;
    let add: EnvVar[];
    try {
      add = JSON.parse(layer) as EnvVar[];
    } catch {
      continue;
    }
    if (!Array.isArray(add)) continue;
    const env = [...(v.proxy.additionalEnv ?? [])];
    for (const e of add) {
      const i = env.findIndex((x) => x.name === e.name);
      if (i >= 0) env[i] = e;
      else env.push(e);
    }
    v.proxy.additionalEnv = env;
  }
}
