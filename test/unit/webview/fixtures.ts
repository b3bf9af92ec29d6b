// Snapshots for the panel's tests, the screenshot and the benchmark: emojivoto's shape, and a big mesh.
import type { PanelEdge, PanelNode, TrafficSnapshot } from '../../../src/shared/trafficProtocol';

function node(namespace: string, name: string, meshed = true, kind = 'Deployment', pods = 1): PanelNode {
  const ref = { kind, name, namespace };
  return { ...ref, id: `${namespace}/${kind}/${name}`, meshed, meshedPods: meshed ? pods : 0, totalPods: pods };
}

function edge(source: PanelNode, target: PanelNode, rps: number, success: number | null, p95: number, noTlsReason = ''): PanelEdge {
  return {
    id: `${source.id}->${target.id}`,
    source: source.id,
    target: target.id,
    requestsPerSecond: rps,
    successRate: success,
    latencyMs: success === null ? null : { p50: p95 / 3, p95, p99: p95 * 1.8 },
    openConnections: 1,
    noTlsReason,
    clientIdentity: source.meshed ? `${source.name}.${source.namespace}.serviceaccount.identity.linkerd.cluster.local` : undefined,
    serverIdentity: noTlsReason === '' ? `${target.name}.${target.namespace}.serviceaccount.identity.linkerd.cluster.local` : undefined,
  };
}

export function emojivoto(updatedAt = Date.now(), names: { web?: string } = {}): TrafficSnapshot {
  const bot = node('emojivoto', 'vote-bot');
  const web = node('emojivoto', names.web ?? 'web', true, 'Deployment', 2);
  const emoji = node('emojivoto', 'emoji');
  const voting = node('emojivoto', 'voting');
  const legacy = node('legacy', 'ledger', false, 'StatefulSet', 1);
  const ingress = node('ingress', 'gateway', true, 'DaemonSet', 3);
  return {
    context: 'kind-meshaware',
    source: 'proxies',
    origin: '6 proxies through the API server',
    updatedAt,
    nodes: [bot, web, emoji, voting, legacy, ingress],
    edges: [
      edge(ingress, web, 4.2, 1, 12),
      edge(bot, web, 2.1, 1, 9),
      edge(web, emoji, 6.3, 1, 4),
      edge(web, voting, 2.1, 0.931, 38),
      edge(voting, legacy, 0.4, 0.985, 120, 'not_provided_by_service_discovery'),
    ],
  };
}

/**
 * The simulator's emojivoto as the panel receives it (sim/scenarios/emojivoto.ts): vote-bot, an unmeshed
 * legacy-client and plaintext callers drive web, which calls emoji and voting; the control plane and a second
 * legacy-client in its own namespace are idle.
 */
export function simEmojivoto(updatedAt = Date.now()): TrafficSnapshot {
  const bot = node('emojivoto', 'vote-bot');
  const web = node('emojivoto', 'web');
  const emoji = node('emojivoto', 'emoji');
  const voting = node('emojivoto', 'voting');
  const legacy = node('emojivoto', 'legacy-client', false);
  const unmeshed: PanelNode = { ...node('emojivoto', 'unmeshed', false, 'UnmeshedClients'), aggregate: true };
  const controlPlane = ['destination', 'identity', 'proxy-injector'].map((n) => node('linkerd', `linkerd-${n}`));
  return {
    context: 'meshaware-sim',
    source: 'proxies',
    origin: '7 proxies through the API server',
    updatedAt,
    systemNamespaces: ['linkerd'],
    nodes: [bot, web, emoji, voting, legacy, unmeshed, node('legacy', 'legacy-client', false), ...controlPlane],
    edges: [
      edge(bot, web, 6, 0.9, 120),
      edge(legacy, web, 1.5, 0.99, 90, 'no_tls_from_remote'),
      edge(unmeshed, web, 1.5, 0.99, 90, 'no_tls_from_remote'),
      edge(web, emoji, 7.5, 1, 12),
      edge(web, voting, 3, 0.8, 35),
    ],
  };
}

/** A deterministic mesh of `nodes` workloads in 20 namespaces with `edges` distinct edges. */
export function bigMesh(nodes: number, edges: number, updatedAt = Date.now(), seed = 1): TrafficSnapshot {
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ns = Array.from({ length: nodes }, (_, i) => node(`ns-${i % 20}`, `svc-${i}`, i % 13 !== 0));
  const seen = new Set<string>();
  const es: PanelEdge[] = [];
  while (es.length < edges) {
    const a = ns[Math.floor(rand() * nodes)];
    const b = ns[Math.floor(rand() * nodes)];
    if (a === b || seen.has(a.id + b.id)) continue;
    seen.add(a.id + b.id);
    es.push(edge(a, b, rand() * 50, rand() > 0.1 ? 1 : 0.9 + rand() * 0.1, 5 + rand() * 200, b.meshed ? '' : 'not_provided_by_service_discovery'));
  }
  return { context: 'kind-scale', source: 'prometheus', origin: "linkerd-viz's Prometheus through the API server", updatedAt, nodes: ns, edges: es };
}

const identity = (sa: string) => `${sa}.emojivoto.serviceaccount.identity.linkerd.cluster.local`;

/**
 * The simulator's emojivoto after web's policy stopped admitting vote-bot (the UI test's edit): web's proxies
 * refuse vote-bot and the unmeshed callers, emoji admits web by its AuthorizationPolicy, and voting, which no
 * Server selects, runs on the default policy.
 */
export function simEmojivotoDenied(updatedAt = Date.now()): TrafficSnapshot {
  const s = simEmojivoto(updatedAt);
  const authz: Record<string, [number, number]> = { 'vote-bot>web': [0, 6], 'legacy-client>web': [0, 0.5], 'unmeshed>web': [0, 1], 'web>emoji': [7.5, 0], 'web>voting': [3, 0] };
  const name = (id: string) => id.split('/')[2];
  const edges = s.edges.map((e) => {
    const [allowedRps, deniedRps] = authz[`${name(e.source)}>${name(e.target)}`];
    return { ...e, allowedRps, deniedRps };
  });
  const web = 'emojivoto/Deployment/web';
  const webHttp = { kind: 'server', name: 'web-http' };
  const route = { kind: 'default', name: 'default' };
  return {
    ...s,
    edges,
    authorizations: [
      { destination: web, protocol: 'http', server: webHttp, port: 8080, route, authorization: null, client: identity('vote-bot'), allowedRps: 0, deniedRps: 6, refusal: 'unauthorized' },
      { destination: web, protocol: 'http', server: webHttp, port: 8080, route, authorization: null, client: null, allowedRps: 0, deniedRps: 1.5, refusal: 'unauthorized' },
      { destination: web, protocol: 'http', server: webHttp, port: 8080, route: null, authorization: null, client: identity('vote-bot'), allowedRps: 0, deniedRps: 0.2, refusal: 'routeNotFound' },
      // What admitted vote-bot before the edit: its counter no longer grows.
      { destination: web, protocol: 'http', server: webHttp, port: 8080, route, authorization: { kind: 'authorizationpolicy', name: 'web-http-from-clients' }, client: identity('vote-bot'), allowedRps: 0, deniedRps: 0 },
      { destination: 'emojivoto/Deployment/emoji', protocol: 'http', server: { kind: 'server', name: 'emoji-grpc' }, port: 8080, route, authorization: { kind: 'authorizationpolicy', name: 'emoji-grpc-from-web' }, client: identity('web'), allowedRps: 7.5, deniedRps: 0 },
      { destination: 'emojivoto/Deployment/voting', protocol: 'http', server: { kind: 'default', name: 'all-unauthenticated' }, port: 8080, route, authorization: { kind: 'default', name: 'all-unauthenticated' }, client: identity('web'), allowedRps: 3, deniedRps: 0 },
    ],
  };
}

/**
 * The simulator's emojivoto with a database behind an opaque Server (db-tcp, port 5432): voting holds two
 * connections that AuthorizationPolicy db-clients admits, and web's connections are refused — closed as soon as
 * they open (web's edge has no traffic of its own, only db's count of them), some of them terminated when the
 * policy changed. Linkerd counts connections there, not requests.
 */
export function simEmojivotoOpaqueDenied(updatedAt = Date.now()): TrafficSnapshot {
  const s = simEmojivoto(updatedAt);
  const web = s.nodes.find((n) => n.name === 'web')!;
  const voting = s.nodes.find((n) => n.name === 'voting')!;
  const db = node('emojivoto', 'db', true, 'StatefulSet');
  const tcp = (source: PanelNode, openConnections: number): PanelEdge => ({ ...edge(source, db, 0, null, 0), openConnections });
  const row = { destination: db.id, protocol: 'tcp' as const, server: { kind: 'server', name: 'db-tcp' }, port: 5432, route: null };
  return {
    ...s,
    nodes: [...s.nodes, db],
    edges: [...s.edges, { ...tcp(voting, 2), allowedCps: 0.1, deniedCps: 0 }, { ...tcp(web, 0), allowedCps: 0, deniedCps: 0.55 }],
    authorizations: [
      { ...row, authorization: { kind: 'authorizationpolicy', name: 'db-clients' }, client: identity('voting'), allowedRps: 0.1, deniedRps: 0 },
      { ...row, authorization: null, client: identity('web'), allowedRps: 0, deniedRps: 0.5, refusal: 'unauthorized' },
      { ...row, authorization: null, client: identity('web'), allowedRps: 0, deniedRps: 0.05, refusal: 'terminated' },
    ],
  };
}
