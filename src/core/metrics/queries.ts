/**
 * The queries behind the traffic model, described once as data. `promql.ts` renders them for Prometheus and
 * `evaluate.ts` computes them over scraped proxy metrics, so both sources answer exactly the same questions.
 *
 * They follow `linkerd viz edges` and `linkerd viz stat`: open connections from `tcp_open_connections`,
 * request counts from `increase(response_total[w])` split by `classification`, and latency quantiles from
 * `histogram_quantile` over `irate` of `response_latency_ms_bucket`. Where viz asks once per resource type we
 * group by every workload kind's label at once, so one query covers Deployments calling StatefulSets too; and
 * edges also group by `tls`, because `tls="disabled"` carries no `no_tls_reason` yet is not secured.
 */
import { DESTINATION_WORKLOAD_LABELS, SOURCE_WORKLOAD_LABELS } from './kinds';
import type { Labels } from './labels';
import { ROUTE_VIEWS, routeQueries, type RouteQueries, type RouteView } from './routeQueries';
import type { AuthzProtocol } from '../../shared/trafficProtocol';

export interface Matcher {
  readonly label: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

interface Aggregation {
  readonly metric: string;
  readonly matchers: readonly Matcher[];
  readonly by: readonly string[];
}

/** `sum(metric{…}) by (…)` over a gauge. */
export interface SumQuery extends Aggregation {
  readonly fn: 'sum';
}

/** `sum(increase(metric{…}[window])) by (…)` over a counter. */
export interface IncreaseQuery extends Aggregation {
  readonly fn: 'increase';
  readonly windowSeconds: number;
}

/** `histogram_quantile(q, sum(irate(metric_bucket{…}[window])) by (le, …))`; `metric` is the histogram's name. */
export interface QuantileQuery extends Aggregation {
  readonly fn: 'quantile';
  readonly q: number;
  readonly windowSeconds: number;
}

export type QuerySpec = SumQuery | IncreaseQuery | QuantileQuery;

/** One result sample of an instant query: the grouping labels and the value. */
export interface VectorSample {
  readonly labels: Labels;
  readonly value: number;
}
export type Vector = VectorSample[];

export const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;
export type QuantileName = keyof typeof QUANTILES;

/** The queries of one view of traffic, or (with T = Vector) their results. */
export interface ViewQueries<T = QuerySpec> {
  readonly connections: T;
  readonly responses: T;
  readonly latency: Readonly<Record<QuantileName, T>>;
}

/**
 * Each inbound authorization family the model reads, from linkerd2-proxy linkerd/app/inbound/src/metrics/authz.rs
 * (v2.359.0, Linkerd 2.20): what it counts, the labels that say where (`srv_*`, `route_*` and `authz_*` from
 * linkerd/app/core/src/metrics.rs, after `target_addr` and before `tls`/`client_id`), and what it means for the
 * row. HTTP requests are authorized per request, after routing (policy/http.rs): a request no route matched is
 * counted apart, with no route labels. TCP connections — at opaque and TLS ports, and connections that are not
 * HTTP — are authorized once when they open (policy/tcp.rs), by Server and authorization only; a connection a
 * policy change no longer admits is closed and counted as terminated.
 */
export const AUTHZ_FAMILIES = {
  allow: { metric: 'inbound_http_authz_allow_total', protocol: 'http', outcome: 'allow', labels: ['srv', 'route', 'authz'] },
  deny: { metric: 'inbound_http_authz_deny_total', protocol: 'http', outcome: 'deny', labels: ['srv', 'route'] },
  notFound: { metric: 'inbound_http_route_not_found_total', protocol: 'http', outcome: 'deny', labels: ['srv'] },
  tcpAllow: { metric: 'inbound_tcp_authz_allow_total', protocol: 'tcp', outcome: 'allow', labels: ['srv', 'authz'] },
  tcpDeny: { metric: 'inbound_tcp_authz_deny_total', protocol: 'tcp', outcome: 'deny', labels: ['srv'] },
  tcpTerminate: { metric: 'inbound_tcp_authz_terminate_total', protocol: 'tcp', outcome: 'terminate', labels: ['srv'] },
} as const satisfies Record<string, { metric: string; protocol: AuthzProtocol; outcome: 'allow' | 'deny' | 'terminate'; labels: readonly ('srv' | 'route' | 'authz')[] }>;
export type AuthzFamily = keyof typeof AUTHZ_FAMILIES;
export const AUTHZ_FAMILY_KEYS = Object.keys(AUTHZ_FAMILIES) as AuthzFamily[];

/**
 * Inbound authorization counts, as `linkerd viz authz` asks for the HTTP ones (viz/metrics-api/policy.go:
 * `sum(increase(inbound_http_authz_{allow,deny}_total[w])) by (…)`; viz reads no TCP family), grouped also by
 * the client's identity so that they can be joined to edges.
 */
export type AuthzQueries<T = QuerySpec> = Readonly<Record<AuthzFamily, T>>;

export interface TrafficQueries<T = QuerySpec> {
  /** Workload → workload, from the caller's outbound metrics (which carry the `dst_*` labels). */
  readonly edges: ViewQueries<T>;
  /** Plaintext traffic a meshed workload accepted from clients without a proxy. */
  readonly unmeshedCallers: ViewQueries<T>;
  /** Everything a workload received, for `stat`. */
  readonly inbound: ViewQueries<T>;
  readonly authz: AuthzQueries<T>;
  /** Per route, from the caller's (outbound) and the server's (inbound) route families: routeQueries.ts. */
  readonly routes: RouteQueries<T>;
}

export const RESPONSES = 'response_total';
export const LATENCY = 'response_latency_ms';
export const CONNECTIONS = 'tcp_open_connections';
export const TLS_LABELS = ['tls', 'no_tls_reason'] as const;
const LABELS_OF = { srv: ['srv_kind', 'srv_name', 'srv_port'], route: ['route_kind', 'route_name'], authz: ['authz_kind', 'authz_name'] } as const;

const eq = (label: string, value: string): Matcher => ({ label, op: '=', value });
const ne = (label: string, value: string): Matcher => ({ label, op: '!=', value });

function view(windowSeconds: number, matchers: Matcher[], by: readonly string[], extra: { tcp: Matcher[]; http: Matcher[]; connectionsBy: string[]; responsesBy: string[] }): ViewQueries {
  const http = [...matchers, ...extra.http];
  const latency = (q: number): QuantileQuery => ({ fn: 'quantile', q, metric: LATENCY, matchers: http, by, windowSeconds });
  return {
    connections: { fn: 'sum', metric: CONNECTIONS, matchers: [...matchers, ...extra.tcp], by: [...by, ...extra.connectionsBy] },
    responses: { fn: 'increase', metric: RESPONSES, matchers: http, by: [...by, ...extra.responsesBy], windowSeconds },
    latency: { p50: latency(QUANTILES.p50), p95: latency(QUANTILES.p95), p99: latency(QUANTILES.p99) },
  };
}

/** All queries for one refresh, over the last `windowSeconds` (viz's default window is one minute). */
export function trafficQueries(windowSeconds = 60): TrafficQueries {
  const pair = [...SOURCE_WORKLOAD_LABELS, ...DESTINATION_WORKLOAD_LABELS];
  return {
    edges: view(windowSeconds, [eq('direction', 'outbound'), ne('dst_namespace', '')], pair, {
      // peer="dst": connections the proxy opened to the destination, the only TCP series with `dst_*` labels.
      tcp: [eq('peer', 'dst')],
      http: [],
      connectionsBy: [...TLS_LABELS, 'server_id'],
      responsesBy: [...TLS_LABELS, 'classification'],
    }),
    unmeshedCallers: view(windowSeconds, [eq('direction', 'inbound'), eq('no_tls_reason', 'no_tls_from_remote')], SOURCE_WORKLOAD_LABELS, {
      tcp: [eq('peer', 'src')],
      // Kubelet probes are plaintext too, but they are not an application's caller.
      http: [ne('route_name', 'probe')],
      connectionsBy: [...TLS_LABELS],
      responsesBy: [...TLS_LABELS, 'classification'],
    }),
    inbound: view(windowSeconds, [eq('direction', 'inbound')], SOURCE_WORKLOAD_LABELS, {
      tcp: [eq('peer', 'src')],
      http: [],
      connectionsBy: [],
      responsesBy: ['classification'],
    }),
    authz: authzQueries(windowSeconds),
    routes: routeQueries(windowSeconds),
  };
}

function authzQueries(windowSeconds: number): AuthzQueries {
  const query = ({ metric, labels }: (typeof AUTHZ_FAMILIES)[AuthzFamily]): IncreaseQuery =>
    // Every scraped series carries `namespace`; PromQL needs one non-empty matcher.
    ({ fn: 'increase', metric, matchers: [ne('namespace', '')], by: [...SOURCE_WORKLOAD_LABELS, ...labels.flatMap((l) => LABELS_OF[l]), 'tls', 'client_id'], windowSeconds });
  return Object.fromEntries(AUTHZ_FAMILY_KEYS.map((k) => [k, query(AUTHZ_FAMILIES[k])])) as Record<AuthzFamily, IncreaseQuery>;
}

/** A route view's four queries (or results). */
export const routeSpecs = <S>(v: RouteView<S>): S[] => [v.statuses, v.latency.p50, v.latency.p95, v.latency.p99];

/** Every query of the set: each view's five, one per authorization family, and each route view's four. */
export function allQuerySpecs(q: TrafficQueries): QuerySpec[] {
  return [
    ...[q.edges, q.unmeshedCallers, q.inbound].flatMap((v) => [v.connections, v.responses, v.latency.p50, v.latency.p95, v.latency.p99]),
    ...AUTHZ_FAMILY_KEYS.map((k) => q.authz[k]),
    ...ROUTE_VIEWS.flatMap((v) => routeSpecs(q.routes[v.key])),
  ];
}

/** Every label the queries match on or group by: all that the evaluator needs to keep of a series. */
export function labelNames(queries: TrafficQueries): Set<string> {
  const names = new Set<string>();
  for (const q of allQuerySpecs(queries)) {
    for (const m of q.matchers) names.add(m.label);
    for (const l of q.by) names.add(l);
  }
  return names;
}

/** Applies `fn` to every query of the set (or to what stands for each), keeping its shape: to run them and to carry their results. */
export async function mapQueries<T, S = QuerySpec>(queries: TrafficQueries<S>, fn: (q: S) => Promise<T> | T): Promise<TrafficQueries<T>> {
  const mapView = async (v: ViewQueries<S>): Promise<ViewQueries<T>> => {
    const [connections, responses, p50, p95, p99] = await Promise.all([fn(v.connections), fn(v.responses), fn(v.latency.p50), fn(v.latency.p95), fn(v.latency.p99)]);
    return { connections, responses, latency: { p50, p95, p99 } };
  };
  const mapRoute = async (v: RouteView<S>): Promise<RouteView<T>> => {
    const [statuses, p50, p95, p99] = await Promise.all(routeSpecs(v).map(fn));
    return { statuses, latency: { p50, p95, p99 } };
  };
  const mapAuthz = async (a: AuthzQueries<S>): Promise<AuthzQueries<T>> => {
    const results = await Promise.all(AUTHZ_FAMILY_KEYS.map((k) => fn(a[k])));
    return Object.fromEntries(AUTHZ_FAMILY_KEYS.map((k, i) => [k, results[i]])) as Record<AuthzFamily, T>;
  };
  const r = queries.routes;
  const [edges, unmeshedCallers, inbound, authz, outboundHttp, outboundGrpc, inboundHttp, inboundGrpc] = await Promise.all([
    mapView(queries.edges), mapView(queries.unmeshedCallers), mapView(queries.inbound), mapAuthz(queries.authz),
    mapRoute(r.outboundHttp), mapRoute(r.outboundGrpc), mapRoute(r.inboundHttp), mapRoute(r.inboundGrpc),
  ]);
  return { edges, unmeshedCallers, inbound, authz, routes: { outboundHttp, outboundGrpc, inboundHttp, inboundGrpc } };
}
