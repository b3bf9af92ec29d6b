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
 * Inbound authorization counts, as `linkerd viz authz` asks for them (viz/metrics-api/policy.go: `sum(increase(
 * inbound_http_authz_{allow,deny}_total[w])) by (…)`), grouped also by the client's identity so that they
 * can be joined to edges. Families and labels: linkerd2-proxy linkerd/app/inbound/src/metrics/authz.rs.
 */
export interface AuthzQueries<T = QuerySpec> {
  readonly allow: T;
  readonly deny: T;
  /** Requests refused because no route of the Server matched: a family of its own, without route labels. */
  readonly notFound: T;
}

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
export const AUTHZ_ALLOW = 'inbound_http_authz_allow_total';
export const AUTHZ_DENY = 'inbound_http_authz_deny_total';
export const ROUTE_NOT_FOUND = 'inbound_http_route_not_found_total';
const SERVER_ROUTE_LABELS = ['srv_kind', 'srv_name', 'srv_port', 'route_kind', 'route_name'];

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
    authz: {
      // Every scraped series carries `namespace`; PromQL needs one non-empty matcher.
      allow: { fn: 'increase', metric: AUTHZ_ALLOW, matchers: [ne('namespace', '')], by: [...SOURCE_WORKLOAD_LABELS, ...SERVER_ROUTE_LABELS, 'authz_kind', 'authz_name', 'tls', 'client_id'], windowSeconds },
      deny: { fn: 'increase', metric: AUTHZ_DENY, matchers: [ne('namespace', '')], by: [...SOURCE_WORKLOAD_LABELS, ...SERVER_ROUTE_LABELS, 'tls', 'client_id'], windowSeconds },
      notFound: { fn: 'increase', metric: ROUTE_NOT_FOUND, matchers: [ne('namespace', '')], by: [...SOURCE_WORKLOAD_LABELS, 'srv_kind', 'srv_name', 'srv_port', 'tls', 'client_id'], windowSeconds },
    },
    routes: routeQueries(windowSeconds),
  };
}

const routeSpecs = (v: RouteView<QuerySpec>): QuerySpec[] => [v.statuses, v.latency.p50, v.latency.p95, v.latency.p99];

/** Every query of the set: each view's five, the authorization three, and each route view's four. */
export function allQuerySpecs(q: TrafficQueries): QuerySpec[] {
  return [
    ...[q.edges, q.unmeshedCallers, q.inbound].flatMap((v) => [v.connections, v.responses, v.latency.p50, v.latency.p95, v.latency.p99]),
    q.authz.allow,
    q.authz.deny,
    q.authz.notFound,
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

/** Applies `fn` to every query of the set, keeping its shape (used to run them and to carry their results). */
export async function mapQueries<T>(queries: TrafficQueries, fn: (q: QuerySpec) => Promise<T> | T): Promise<TrafficQueries<T>> {
  const mapView = async (v: ViewQueries): Promise<ViewQueries<T>> => {
    const [connections, responses, p50, p95, p99] = await Promise.all([fn(v.connections), fn(v.responses), fn(v.latency.p50), fn(v.latency.p95), fn(v.latency.p99)]);
    return { connections, responses, latency: { p50, p95, p99 } };
  };
  const mapRoute = async (v: RouteView<QuerySpec>): Promise<RouteView<T>> => {
    const [statuses, p50, p95, p99] = await Promise.all(routeSpecs(v).map(fn));
    return { statuses, latency: { p50, p95, p99 } };
  };
  const r = queries.routes;
  const [edges, unmeshedCallers, inbound, allow, deny, notFound, outboundHttp, outboundGrpc, inboundHttp, inboundGrpc] = await Promise.all([
    mapView(queries.edges), mapView(queries.unmeshedCallers), mapView(queries.inbound), fn(queries.authz.allow), fn(queries.authz.deny), fn(queries.authz.notFound),
    mapRoute(r.outboundHttp), mapRoute(r.outboundGrpc), mapRoute(r.inboundHttp), mapRoute(r.inboundGrpc),
  ]);
  return { edges, unmeshedCallers, inbound, authz: { allow, deny, notFound }, routes: { outboundHttp, outboundGrpc, inboundHttp, inboundGrpc } };
}
