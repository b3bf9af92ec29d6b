import { containerStartedAt, deploymentOf, type Pod } from '../cluster/podTypes';
import { LATENCY_BUCKETS_MS, latencyCdf, meanLatency, type TrafficEdge } from '../traffic/model';
import { CONTROL_PLANE_NS, DEFAULT_INBOUND_POLICY, identityOf, TRUST_DOMAIN, versionOf } from './constants';
import { Exposition } from './exposition';
import { authzRates, writeAuthz, type AuthzCounters, type InboundFlow } from './authzMetrics';
import { simAuthorize, type Obj, type SimDecision, type SimRequest } from './authz';
import { inboundRouteRates, outboundRouteRates, writeRoutes } from './routeMetrics';

type Labels = [string, string][];

export interface MetricsContext {
  /** The edges with either end at this Deployment. */
  edgesOf(namespace: string, deployment: string): readonly TrafficEdge[];
  /** Running pods of a Deployment. */
  podsOf(namespace: string, deployment: string): Pod[];
  now: Date;
  /** The stored policy objects (and Namespaces) the proxies enforce, and their authorization counters. */
  policy: { objects(): Obj[]; counters: AuthzCounters };
}

/** Connections are recycled this often; byte counters only move when a connection closes. */
const CONNECTION_LIFETIME_S = 30;
/** A client whose connections are refused reconnects this often, as a driver with a fixed reconnect delay does. */
const REFUSED_RETRY_S = 1;
const DEFAULT_REQUEST_BYTES = 220;
const DEFAULT_RESPONSE_BYTES = 1400;

export function isMeshed(pod: Pod): boolean {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].some((c) => c.name === 'linkerd-proxy');
}

/** One series' worth of traffic: how many requests over how long, and on how many open connections. */
interface Flow {
  labels: Labels;
  tcpLabels: Labels;
  requests: number;
  failures: number;
  seconds: number;
  connections: number;
  edge: TrafficEdge;
  /**
   * Traffic Linkerd authorizes per connection (an opaque or TLS Server): the proxies see bytes, not requests, so
   * no HTTP series. `refused`: the server proxy closes each connection as soon as it has accepted it, so the
   * caller counts it opened and closed and holds none open.
   */
  opaque?: { refused: boolean };
}

/**
 * What the proxy of `pod` reports on its admin port, computed at scrape time from the configured traffic:
 * every counter is rate × time since the proxy container (re)started, so it grows steadily and resets
 * when the pod restarts.
 */
export function proxyMetrics(pod: Pod, ctx: MetricsContext): string {
  const started = containerStartedAt(pod, 'linkerd-proxy') ?? ctx.now;
  const seconds = Math.max(0, (ctx.now.getTime() - started.getTime()) / 1000);
  const objects = ctx.policy.objects();
  const decided: { flow: InboundFlow; decision: SimDecision }[] = [];
  const flows = [...outboundFlows(pod, ctx, seconds, objects), ...inboundFlows(pod, ctx, seconds, objects, decided)];
  // Real requests do not all complete on the same instant: each series counts from its own phase, so that
  // the counters of a pod's many series do not all step at once (which would make short windows lumpy).
  for (const f of flows) {
    const phase = phaseOf(`${pod.metadata.uid ?? pod.metadata.name}${f.labels.map((l) => l[1]).join(',')}`);
    f.requests += phase;
    f.failures = f.requests * (1 - f.edge.successRate);
  }
  const out = new Exposition();
  out.family('request_total', 'counter', 'Total count of HTTP requests.');
  out.family('response_latency_ms', 'histogram', 'Elapsed times between a request\'s headers being received and its response stream completing');
  out.family('response_total', 'counter', 'Total count of HTTP responses.');
  out.family('tcp_open_total', 'counter', 'Total count of opened connections');
  out.family('tcp_open_connections', 'gauge', 'Number of currently-open connections');
  out.family('tcp_read_bytes_total', 'counter', 'Total count of bytes read from peers');
  out.family('tcp_write_bytes_total', 'counter', 'Total count of bytes written to peers');
  out.family('tcp_close_total', 'counter', 'Total count of closed connections');
  for (const flow of merge(flows)) writeFlow(out, flow);
  const proxy = `${pod.metadata.uid ?? pod.metadata.name}@${started.getTime()}`;
  const routes = [
    // An opaque destination has no HTTP routes on the caller either.
    ...outboundEdges(pod, ctx).filter(({ edge }) => !ctx.podsOf(edge.toNamespace ?? edge.namespace, edge.to).every((t) => perConnection(objects, pod, t, edge))).flatMap(({ edge, rate }) => outboundRouteRates(objects, edge, rate)),
    ...decided.flatMap(({ flow, decision }) => inboundRouteRates(decision, flow.request.port, flow.edge, flow.requestsPerSecond)),
  ];
  // One advance for both: series a scrape no longer reports stop growing, so every current series must be in it.
  const counted = ctx.policy.counters.advance(proxy, ctx.now.getTime(), [...authzRates(decided), ...routes], ctx.policy.counters.terminations(proxy, decided));
  writeAuthz(out, counted);
  writeRoutes(out, counted);
  out.family('proxy_build_info', 'gauge', 'Proxy build info');
  out.sample('proxy_build_info', 'proxy_build_info', [['version', versionOf(pod, 'linkerd-proxy')], ['git_sha', 'b2c1f9e'], ['profile', 'release'], ['vendor', 'linkerd']], 1);
  out.family('process_start_time_seconds', 'gauge', 'Time that the process started (in seconds since the UNIX epoch)');
  out.sample('process_start_time_seconds', 'process_start_time_seconds', [], Math.floor(started.getTime() / 1000));
  out.family('control_identity_cert_expiration_timestamp_seconds', 'gauge', 'Time when this proxy\'s current mTLS identity certificate will expire (in seconds since the UNIX epoch)');
  out.sample('control_identity_cert_expiration_timestamp_seconds', 'control_identity_cert_expiration_timestamp_seconds', [], Math.floor(started.getTime() / 1000) + 86_420);
  return out.toString();
}

/** The edges this pod calls and the requests per second it sends on each (nothing to a Service without pods). */
function outboundEdges(pod: Pod, ctx: MetricsContext): { edge: TrafficEdge; rate: number }[] {
  const namespace = pod.metadata.namespace!;
  const deployment = deploymentOf(pod);
  return ctx.edgesOf(namespace, deployment ?? '')
    .filter((edge) => edge.namespace === namespace && edge.from === deployment && ctx.podsOf(edge.toNamespace ?? namespace, edge.to).length > 0)
    .map((edge) => ({ edge, rate: edge.rps / Math.max(1, ctx.podsOf(namespace, edge.from).length) }));
}

function outboundFlows(pod: Pod, ctx: MetricsContext, seconds: number, objects: Obj[]): Flow[] {
  const namespace = pod.metadata.namespace!;
  const deployment = deploymentOf(pod);
  const flows: Flow[] = [];
  for (const edge of ctx.edgesOf(namespace, deployment ?? '')) {
    if (edge.namespace !== namespace || edge.from !== deployment) continue;
    const sources = Math.max(1, ctx.podsOf(namespace, edge.from).length);
    const toNamespace = edge.toNamespace ?? namespace;
    const targets = ctx.podsOf(toNamespace, edge.to);
    for (const target of targets) {
      const ip = String(target.status!.podIP);
      const sa = target.spec.serviceAccountName ?? 'default';
      const meshed = isMeshed(target);
      const tls: Labels = meshed ? [['tls', 'true'], ['server_id', identityOf(sa, toNamespace)]] : [['tls', 'no_identity'], ['no_tls_reason', 'not_provided_by_service_discovery']];
      const dst: Labels = [
        ...(meshed ? ([['dst_control_plane_ns', CONTROL_PLANE_NS]] as Labels) : []),
        ['dst_deployment', edge.to],
        ['dst_namespace', toNamespace],
        ['dst_pod', target.metadata.name!],
        ['dst_pod_template_hash', target.metadata.labels?.['pod-template-hash'] ?? ''],
        ['dst_service', edge.service],
        ['dst_serviceaccount', sa],
        ['dst_zone', ''],
        ['dst_zone_locality', 'unknown'],
      ];
      const target_: Labels = [['authority', `${edge.service}.${toNamespace}.svc.${TRUST_DOMAIN}:${edge.servicePort}`], ['target_addr', `${ip}:${edge.targetPort}`], ['target_ip', ip], ['target_port', String(edge.targetPort)]];
      const rate = edge.rps / sources / targets.length;
      const labels: Labels = [['direction', 'outbound'], ...target_, ...tls, ...dst];
      const f = flow(edge, labels, [['direction', 'outbound'], ['peer', 'dst'], ...target_, ...tls, ...dst], rate, seconds, 1);
      const decision = perConnection(objects, pod, target, edge);
      flows.push(decision ? { ...f, opaque: { refused: decision.outcome !== 'allow' } } : f);
    }
  }
  return flows;
}

/** A request from `client`'s pod (or group of pods) to `server`'s port of an edge, as the server's proxy authorizes it. */
function requestTo(server: Pod, edge: TrafficEdge, client: Pod | undefined): SimRequest {
  const meshed = client !== undefined && isMeshed(client);
  return {
    namespace: server.metadata.namespace!,
    podLabels: server.metadata.labels ?? {},
    podAnnotations: server.metadata.annotations ?? {},
    podPorts: server.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => ({ name: p.name, port: p.containerPort }))),
    port: edge.targetPort,
    identity: meshed ? identityOf(client.spec.serviceAccountName ?? 'default', edge.namespace) : undefined,
    ip: typeof client?.status?.podIP === 'string' ? client.status.podIP : undefined,
    http: edge.http ?? { method: edge.grpc ? 'POST' : 'GET', path: '/' },
  };
}

/**
 * The server proxy's decision when it authorizes `client`'s traffic to `server` per connection (an opaque or TLS
 * Server: the decision has no route); undefined for HTTP. Only meshed servers decide, and only such Servers make
 * the difference, so other namespaces are not asked.
 */
function perConnection(objects: Obj[], client: Pod, server: Pod, edge: TrafficEdge): SimDecision | undefined {
  const ns = server.metadata.namespace;
  if (!isMeshed(server) || !objects.some((o) => o.kind === 'Server' && o.metadata.namespace === ns && ['opaque', 'TLS'].includes(o.spec?.proxyProtocol))) return undefined;
  const decision = simAuthorize(objects, requestTo(server, edge, client));
  return decision.route === undefined && decision.outcome !== 'route-not-found' ? decision : undefined;
}

function inboundFlows(pod: Pod, ctx: MetricsContext, seconds: number, objects: Obj[], decided: { flow: InboundFlow; decision: SimDecision }[]): Flow[] {
  const namespace = pod.metadata.namespace!;
  const deployment = deploymentOf(pod);
  const ip = String(pod.status?.podIP ?? '');
  const flows: Flow[] = [];
  for (const edge of ctx.edgesOf(namespace, deployment ?? '')) {
    if ((edge.toNamespace ?? edge.namespace) !== namespace || edge.to !== deployment) continue;
    const replicas = Math.max(1, ctx.podsOf(namespace, edge.to).length);
    const sources = ctx.podsOf(edge.namespace, edge.from);
    const target: Labels = [['target_addr', `${ip}:${edge.targetPort}`], ['target_ip', ip], ['target_port', String(edge.targetPort)]];
    const server: Labels = [['srv_group', ''], ['srv_kind', 'default'], ['srv_name', DEFAULT_INBOUND_POLICY], ['srv_port', String(edge.targetPort)]];
    const route: Labels = [['route_group', ''], ['route_kind', 'default'], ['route_name', 'default'], ['authz_group', ''], ['authz_kind', 'default'], ['authz_name', DEFAULT_INBOUND_POLICY]];
    for (const meshed of [true, false]) {
      const group = sources.filter((s) => isMeshed(s) === meshed);
      if (group.length === 0) continue;
      const sa = group[0].spec.serviceAccountName ?? 'default';
      const tls: Labels = meshed ? [['tls', 'true'], ['client_id', identityOf(sa, edge.namespace)]] : [['tls', 'no_identity'], ['no_tls_reason', 'no_tls_from_remote']];
      const rate = (edge.rps * group.length) / sources.length / replicas;
      const request = requestTo(pod, edge, group[0]);
      const decision = simAuthorize(objects, request);
      const perConnection = decision.route === undefined && decision.outcome !== 'route-not-found';
      const refused = perConnection && decision.outcome !== 'allow';
      const connectionsPerSecond = group.length / (refused ? REFUSED_RETRY_S : CONNECTION_LIFETIME_S);
      decided.push({ flow: { request, target, tls, requestsPerSecond: rate, connectionsPerSecond, openConnections: group.length, edge }, decision });
      const f = flow(edge, [['direction', 'inbound'], ...target, ...tls, ...server, ...route], [['direction', 'inbound'], ['peer', 'src'], ...target, ...tls, ...server], rate, seconds, group.length);
      // Authorized per connection: no HTTP series, and a refused connection never reaches the transport metrics
      // (linkerd2-proxy inbound/src/detect.rs puts the connection policy in front of them).
      if (!perConnection) flows.push(f);
      else if (!refused) flows.push({ ...f, opaque: { refused: false } });
    }
  }
  return flows;
}

function flow(edge: TrafficEdge, labels: Labels, tcpLabels: Labels, rate: number, seconds: number, connections: number): Flow {
  const requests = rate * seconds;
  return { edge, labels, tcpLabels, requests, failures: requests * (1 - edge.successRate), seconds, connections };
}

/** A stable fraction in [0, 1) for a series (FNV-1a of its identity). */
function phaseOf(identity: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < identity.length; i++) h = Math.imul(h ^ identity.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/** Series with identical labels (e.g. several unmeshed clients) are one series to the proxy. */
function merge(flows: Flow[]): Flow[] {
  const byKey = new Map<string, Flow>();
  for (const f of flows) {
    const key = JSON.stringify(f.labels) + JSON.stringify(f.tcpLabels);
    const existing = byKey.get(key);
    if (existing) {
      existing.requests += f.requests;
      existing.failures += f.failures;
      existing.connections += f.connections;
    } else {
      byKey.set(key, { ...f });
    }
  }
  return [...byKey.values()];
}

function writeFlow(out: Exposition, f: Flow): void {
  if (!f.opaque) writeRequests(out, f);
  const lifetimes = Math.floor(f.seconds / CONNECTION_LIFETIME_S);
  // A refused caller reconnects every REFUSED_RETRY_S, and each attempt is closed at once.
  const connections = f.opaque?.refused ? 0 : f.connections;
  const closed = f.opaque?.refused ? f.connections * Math.floor(f.seconds / REFUSED_RETRY_S) : connections * lifetimes;
  const closedShare = f.seconds > 0 ? Math.min(1, (lifetimes * CONNECTION_LIFETIME_S) / f.seconds) : 0;
  out.sample('tcp_open_total', 'tcp_open_total', f.tcpLabels, connections + closed);
  out.sample('tcp_open_connections', 'tcp_open_connections', f.tcpLabels, connections);
  const inbound = f.tcpLabels[0][1] === 'inbound';
  const moved = f.opaque?.refused ? 0 : f.requests * closedShare;
  const requestBytes = Math.floor(moved * (f.edge.requestBytes ?? DEFAULT_REQUEST_BYTES));
  const responseBytes = Math.floor(moved * (f.edge.responseBytes ?? DEFAULT_RESPONSE_BYTES));
  out.sample('tcp_read_bytes_total', 'tcp_read_bytes_total', f.tcpLabels, inbound ? requestBytes : responseBytes);
  out.sample('tcp_write_bytes_total', 'tcp_write_bytes_total', f.tcpLabels, inbound ? responseBytes : requestBytes);
  if (closed > 0) out.sample('tcp_close_total', 'tcp_close_total', [...f.tcpLabels, ['errno', '']], closed);
}

/** The HTTP series of a flow: requests, responses by status and classification, and their latency. */
function writeRequests(out: Exposition, f: Flow): void {
  const total = Math.floor(f.requests);
  const failures = Math.min(total, Math.floor(f.failures));
  const outcomes: { count: number; status: string; classification: string; grpc: string }[] = [
    { count: total - failures, status: '200', classification: 'success', grpc: f.edge.grpc ? '0' : '' },
    { count: failures, status: f.edge.grpc ? '200' : '500', classification: 'failure', grpc: f.edge.grpc ? '2' : '' },
  ];
  out.sample('request_total', 'request_total', f.labels, total);
  for (const o of outcomes) {
    if (o.count === 0 && o.classification === 'failure') continue;
    const withStatus: Labels = [...f.labels, ['status_code', o.status]];
    for (const le of LATENCY_BUCKETS_MS) {
      out.sample('response_latency_ms', 'response_latency_ms_bucket', [...withStatus, ['le', String(le)]], Math.floor(o.count * latencyCdf(f.edge.latency, le)));
    }
    out.sample('response_latency_ms', 'response_latency_ms_bucket', [...withStatus, ['le', '+Inf']], o.count);
    out.sample('response_latency_ms', 'response_latency_ms_count', withStatus, o.count);
    out.sample('response_latency_ms', 'response_latency_ms_sum', withStatus, Math.floor(o.count * meanLatency(f.edge.latency)));
    out.sample('response_total', 'response_total', [...withStatus, ['classification', o.classification], ['grpc_status', o.grpc], ['error', '']], o.count);
  }
}
