/**
 * The simulated proxy's inbound authorization, written apart from src/core/policy on purpose: the two are
 * held to the same table of cases derived from Linkerd (test/fixtures/policy/decisionTable.ts), not to each
 * other. It reads the policy objects as stored and answers, for one request, what Linkerd 2.20's proxy labels
 * it with: the server, the route and the authorization (linkerd2-proxy linkerd/app/inbound/src/policy/http.rs
 * and tcp.rs; policy-controller/k8s/index/src/inbound/index.rs for which Server and which authorizations).
 */

// Stored objects are untyped JSON; this small decision reads them field by field as the API server keeps them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;
export type Obj = { apiVersion?: string; kind?: string; metadata: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: string }; spec?: Record<string, J> };

const DEFAULT_POLICY = 'config.linkerd.io/default-inbound-policy';

/** Lexicographic `a > b` over equal-length score lists. */
export function gt(a: number[], b: number[] | undefined): boolean {
  if (!b) return true;
  const i = a.findIndex((x, k) => x !== b[k]);
  return i >= 0 && a[i] > b[i];
}

/** `[group, kind, name]` as the proxy's `*_group`, `*_kind`, `*_name` labels carry it. */
export type Meta = readonly [group: string, kind: string, name: string];

export interface SimRequest {
  namespace: string;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  podPorts: { name?: string; port: number }[];
  port: number;
  identity?: string;
  ip?: string;
  /** Absent for a plain TCP connection. */
  http?: { method: string; path: string };
}

export interface SimDecision {
  outcome: 'allow' | 'deny' | 'route-not-found';
  server: Meta;
  route?: Meta;
  authz?: Meta;
}

const CLUSTER_NETS = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16', 'fd00::/8'];
const SUFFIX = 'serviceaccount.identity.linkerd.cluster.local';
const G = 'policy.linkerd.io';

function ipBits(ip: string): string | undefined {
  if (ip.includes(':')) {
    const [head, tail = ''] = ip.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const words = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
    return words.length === 8 ? words.map((w) => parseInt(w, 16).toString(2).padStart(16, '0')).join('') : undefined;
  }
  const parts = ip.split('.').map(Number);
  return parts.length === 4 ? parts.map((p) => p.toString(2).padStart(8, '0')).join('') : undefined;
}

function inCidr(ip: string, cidr: string): boolean {
  const [addr, len] = cidr.split('/');
  const a = ipBits(ip);
  const n = ipBits(addr);
  if (!a || !n || a.length !== n.length) return false;
  const bits = len === undefined ? n.length : Number(len);
  return a.slice(0, bits) === n.slice(0, bits);
}

interface Authz {
  meta: Meta;
  nets: { cidr: string; except: string[] }[];
  /** undefined: anyone; 'tls': J TLS client; a list: these identities (`*`/`*.x` by suffix). */
  ids?: 'tls' | string[];
}

function admits(a: Authz, identity: string | undefined, ip: string | undefined): boolean {
  // An unknown address is an in-cluster one: 10.0.0.1 stands for it.
  const addr = ip ?? '10.0.0.1';
  if (!a.nets.some((n) => inCidr(addr, n.cidr) && !n.except.some((e) => inCidr(addr, e)))) return false;
  if (a.ids === undefined) return true;
  if (identity === undefined) return false;
  if (a.ids === 'tls') return true;
  return a.ids.some((x) => x === identity || x === '*' || (x.startsWith('*.') && identity.endsWith(x.slice(1))));
}

const ANY = [{ cidr: '0.0.0.0/0', except: [] }, { cidr: '::/0', except: [] }];
const CLUSTER = CLUSTER_NETS.map((cidr) => ({ cidr, except: [] as string[] }));

function defaultAuthz(name: string): Authz | undefined {
  if (name === 'deny') return undefined;
  if (name === 'audit') return { meta: ['', 'default', 'audit'], nets: ANY };
  return { meta: ['', 'default', name], nets: name.startsWith('cluster-') ? CLUSTER : ANY, ids: name.endsWith('-authenticated') ? ['*'] : undefined };
}

function labelsMatch(selector: Record<string, J> | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const ok = e.operator === 'In' ? has && (e.values ?? []).includes(labels[e.key]) : e.operator === 'NotIn' ? !has || !(e.values ?? []).includes(labels[e.key]) : e.operator === 'Exists' ? has : e.operator === 'DoesNotExist' ? !has : false;
    if (!ok) return false;
  }
  return true;
}

const kindIs = (ref: Record<string, J>, kind: string) => String(ref.kind ?? '').toLowerCase() === kind.toLowerCase();
const byAge = (a: Obj, b: Obj) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
const sa = (ns: string, name: string) => `${name}.${ns}.${SUFFIX}`;

/** The authorization an AuthorizationPolicy grants, or undefined when the controller would ignore it. */
function policyAuthz(ap: Obj, objects: Obj[]): Authz | undefined {
  let ids: string[] | undefined;
  let nets: Authz['nets'] | undefined;
  for (const ref of ap.spec?.requiredAuthenticationRefs ?? []) {
    const ns = ref.namespace ?? ap.metadata.namespace;
    if (kindIs(ref, 'ServiceAccount') || kindIs(ref, 'MeshTLSAuthentication')) {
      if (ids) return undefined;
      if (kindIs(ref, 'ServiceAccount')) {
        ids = [sa(ns, ref.name)];
        continue;
      }
      const m = objects.find((o) => o.kind === 'MeshTLSAuthentication' && o.metadata.namespace === ns && o.metadata.name === ref.name);
      if (!m) return undefined;
      ids = [...(m.spec?.identities ?? [])];
      for (const r of m.spec?.identityRefs ?? []) {
        if (kindIs(r, 'ServiceAccount')) ids.push(sa(r.namespace ?? ns, r.name));
        if (kindIs(r, 'Namespace')) ids.push(`*.${r.name}.${SUFFIX}`);
      }
      if (ids.length === 0) return undefined;
    } else if (kindIs(ref, 'NetworkAuthentication')) {
      if (nets) return undefined;
      const n = objects.find((o) => o.kind === 'NetworkAuthentication' && o.metadata.namespace === ns && o.metadata.name === ref.name);
      if (!n) return undefined;
      nets = (n.spec?.networks ?? []).map((x: J) => ({ cidr: x.cidr, except: x.except ?? [] }));
    } else {
      return undefined;
    }
  }
  return { meta: [G, 'authorizationpolicy', ap.metadata.name ?? ''], nets: nets ?? ANY, ids };
}

function sazAuthz(saz: Obj): Authz | undefined {
  const c = saz.spec?.client ?? {};
  const nets = c.networks?.length ? c.networks.map((x: J) => ({ cidr: x.cidr, except: x.except ?? [] })) : CLUSTER;
  const meta: Meta = [G, 'serverauthorization', saz.metadata.name ?? ''];
  if (c.unauthenticated === true) return { meta, nets };
  if (!c.meshTLS) return undefined;
  if (c.meshTLS.unauthenticatedTLS) return { meta, nets, ids: 'tls' };
  const ids = [...(c.meshTLS.identities ?? []), ...(c.meshTLS.serviceAccounts ?? []).map((s: J) => sa(s.namespace ?? saz.metadata.namespace, s.name))];
  return ids.length ? { meta, nets, ids } : undefined;
}

function pathLen(m: Record<string, J>, path: string): number {
  const p = m.path;
  if (!p) return 1;
  const value: string = p.value ?? '/';
  const type = p.type ?? 'PathPrefix';
  if (type === 'Exact') return value === path ? value.length : -1;
  if (type === 'RegularExpression') return new RegExp(`^(?:${value})$`).test(path) ? path.length : -1;
  if (value === '/') return 1;
  const pre = value.replace(/\/+$/, '');
  const rest = path.replace(/\/+$/, '');
  return rest === pre || rest.startsWith(`${pre}/`) ? pre.length : -1;
}

/** Score of a route for a request as `[path length, headers, query params, method]`, or undefined. */
export function score(route: Obj, method: string, path: string): number[] | undefined {
  const rules = route.spec?.rules ?? [{ matches: [] }];
  let best: number[] | undefined;
  for (const rule of rules) {
    const matches = rule.matches ?? [];
    const candidates = matches.length === 0 ? [[1, 0, 0, 0]] : matches.flatMap((m: J) => {
      if ((m.headers ?? []).length || (m.queryParams ?? []).length) return [];
      if (m.method && m.method !== method) return [];
      const len = pathLen(m, path);
      return len < 0 ? [] : [[len, 0, 0, m.method ? 1 : 0]];
    });
    for (const c of candidates) if (gt(c, best)) best = c;
  }
  return best;
}

/** What the proxy decides for one request to a pod, given every policy object of the cluster. */
export function simAuthorize(objects: Obj[], req: SimRequest, clusterDefault = 'all-unauthenticated'): SimDecision {
  const local = objects.filter((o) => o.metadata.namespace === req.namespace);
  const server = local
    .filter((o) => o.kind === 'Server' && labelsMatch(o.spec?.podSelector, req.podLabels))
    .sort(byAge)
    .find((o) => o.spec?.port === req.port || req.podPorts.some((p) => p.name === o.spec?.port && p.port === req.port));
  if (!server) {
    const nsObject = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === req.namespace);
    let name: string = req.podAnnotations[DEFAULT_POLICY] ?? nsObject?.metadata.annotations?.[DEFAULT_POLICY] ?? clusterDefault;
    if (!['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'].includes(name)) name = clusterDefault;
    const requireId = String(req.podAnnotations['config.linkerd.io/proxy-require-identity-inbound-ports'] ?? '').split(',').some((r) => {
      const [lo, hi] = r.split('-').map(Number);
      return hi === undefined ? lo === req.port : req.port >= lo && req.port <= hi;
    });
    if (requireId) name = name.replace('-unauthenticated', '-authenticated');
    const a = defaultAuthz(name);
    const srv: Meta = ['', 'default', name];
    const route: Meta | undefined = req.http ? ['', 'default', 'default'] : undefined;
    return a && admits(a, req.identity, req.ip) ? { outcome: 'allow', server: srv, route, authz: a.meta } : { outcome: 'deny', server: srv, route };
  }
  const name = server.metadata.name ?? '';
  const srv: Meta = [G, 'server', name];
  const serverAuthz: Authz[] = [];
  for (const o of local) {
    if (o.kind === 'ServerAuthorization') {
      const s = o.spec?.server ?? {};
      if (s.name !== undefined ? s.name === name : labelsMatch(s.selector ?? {}, server.metadata.labels ?? {})) {
        const a = sazAuthz(o);
        if (a) serverAuthz.push(a);
      }
    }
    if (o.kind === 'AuthorizationPolicy') {
      const t = o.spec?.targetRef ?? {};
      if ((kindIs(t, 'Server') && t.name === name) || kindIs(t, 'Namespace')) {
        const a = policyAuthz(o, objects);
        if (a) serverAuthz.push(a);
      }
    }
  }
  const access = server.spec?.accessPolicy;
  if (access && access !== 'deny') serverAuthz.push(defaultAuthz(access)!);
  const opaque = ['opaque', 'TLS'].includes(server.spec?.proxyProtocol);
  let authzs = serverAuthz;
  let route: Meta | undefined;
  if (req.http && !opaque) {
    const routes = local.filter((o) => o.kind === 'HTTPRoute' && (o.spec?.parentRefs ?? []).some((p: J) => kindIs(p, 'Server') && p.name === name)).sort(byAge);
    if (routes.length === 0) {
      route = ['', 'default', 'default'];
    } else {
      let chosen: Obj | undefined;
      let best: number[] | undefined;
      for (const r of routes) {
        const s = score(r, req.http.method, req.http.path);
        if (s && gt(s, best)) {
          best = s;
          chosen = r;
        }
      }
      if (!chosen) return { outcome: 'route-not-found', server: srv };
      const group = (chosen.apiVersion ?? '').split('/')[0];
      route = [group, 'HTTPRoute', chosen.metadata.name ?? ''];
      const own = local.filter((o) => o.kind === 'AuthorizationPolicy' && kindIs(o.spec?.targetRef ?? {}, 'HTTPRoute') && o.spec?.targetRef?.name === chosen!.metadata.name).flatMap((o) => policyAuthz(o, objects) ?? []);
      authzs = [...own, ...serverAuthz];
    }
  }
  const a = authzs.find((x) => admits(x, req.identity, req.ip));
  return a ? { outcome: 'allow', server: srv, route, authz: a.meta } : { outcome: 'deny', server: srv, route };
}
