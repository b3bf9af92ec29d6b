/**
 * Per-route traffic, from the route-level families of Linkerd 2.20's proxy (linkerd2-proxy v2.359.0, the
 * version edge-26.6.3 pins in linkerd2's .proxy-version):
 *
 * - Outbound, on the caller's proxy, for the HTTPRoute/GRPCRoute (or default route) its request took to a
 *   Service: `outbound_{http,grpc}_route_request_statuses_total` and
 *   `outbound_{http,grpc}_route_request_duration_seconds` (linkerd/app/outbound/src/http/logical/policy/
 *   route/metrics.rs registers `request_duration` and `request_statuses` under the `outbound_{http,grpc}_route`
 *   prefix set in linkerd/app/outbound/src/http.rs). Labels: `parent_{group,kind,namespace,name,port,
 *   section_name}`, `route_{group,kind,namespace,name}`, `hostname` (route/metrics/labels.rs and
 *   outbound/src/metrics.rs), plus `http_status` or `grpc_status` (a code name such as `OK`) and `error`
 *   on the statuses. `linkerd viz stat-outbound` reads the same two (viz/cmd/stat-outbound.go): a request
 *   failed when its status is 5xx (HTTP) or not `OK` (gRPC), or it has an `error`.
 * - Inbound, on the server's proxy, for requests its policy permitted: `inbound_{http,grpc}_statuses_total`
 *   and `inbound_{http,grpc}_request_duration_seconds` (linkerd/app/inbound/src/http/router/metrics/
 *   status.rs and req_duration.rs, registered under `inbound_` by linkerd/app/inbound/src/metrics.rs), with
 *   `parent_{group,kind,name,port}` (the Server, or `default` and the default policy's name) and
 *   `route_{group,kind,name}` (router/metrics/labels.rs), and `status` (HTTP status, or the gRPC code's number).
 *
 * Durations are in seconds; the model turns them into milliseconds like every other latency.
 */
import { SOURCE_WORKLOAD_LABELS } from './kinds';
import type { Labels } from './labels';
import { QUANTILES, type IncreaseQuery, type Matcher, type QuantileName, type QuantileQuery } from './queries';

export type RouteDirection = 'inbound' | 'outbound';
export type RouteProtocol = 'http' | 'grpc';

/** The statuses and latency of one route family pair, or (with T = Vector) their results. */
export interface RouteView<T> {
  readonly statuses: T;
  readonly latency: Readonly<Record<QuantileName, T>>;
}

export interface RouteQueries<T> {
  readonly outboundHttp: RouteView<T>;
  readonly outboundGrpc: RouteView<T>;
  readonly inboundHttp: RouteView<T>;
  readonly inboundGrpc: RouteView<T>;
}

export const ROUTE_VIEWS: readonly { key: keyof RouteQueries<unknown>; direction: RouteDirection; protocol: RouteProtocol }[] = [
  { key: 'outboundHttp', direction: 'outbound', protocol: 'http' },
  { key: 'outboundGrpc', direction: 'outbound', protocol: 'grpc' },
  { key: 'inboundHttp', direction: 'inbound', protocol: 'http' },
  { key: 'inboundGrpc', direction: 'inbound', protocol: 'grpc' },
];

/** The counter and histogram names of a route family pair. */
export function routeFamilies(direction: RouteDirection, protocol: RouteProtocol): { statuses: string; duration: string } {
  return direction === 'outbound'
    ? { statuses: `outbound_${protocol}_route_request_statuses_total`, duration: `outbound_${protocol}_route_request_duration_seconds` }
    : { statuses: `inbound_${protocol}_statuses_total`, duration: `inbound_${protocol}_request_duration_seconds` };
}

const PARENT_ROUTE: Record<RouteDirection, readonly string[]> = {
  outbound: ['parent_kind', 'parent_namespace', 'parent_name', 'parent_port', 'route_kind', 'route_namespace', 'route_name'],
  inbound: ['parent_kind', 'parent_name', 'parent_port', 'route_kind', 'route_name'],
};

/** The labels that say how a request ended, per family. */
export function statusLabels(direction: RouteDirection, protocol: RouteProtocol): readonly string[] {
  if (direction === 'inbound') return ['status'];
  return protocol === 'http' ? ['http_status', 'error'] : ['grpc_status', 'error'];
}

/** Did the request fail, by its status labels: as `linkerd viz stat-outbound` counts failures. */
export function routeFailed(labels: Labels, direction: RouteDirection, protocol: RouteProtocol): boolean {
  if (labels.error) return true;
  if (direction === 'outbound') return protocol === 'http' ? (labels.http_status ?? '').startsWith('5') : labels.grpc_status !== 'OK';
  // The inbound families carry the HTTP status, or the gRPC code as a number (0 is OK); none when the stream failed.
  const status = labels.status ?? '';
  if (status === '') return true;
  return protocol === 'http' ? status.startsWith('5') : status !== '0';
}

export function routeQueries(windowSeconds: number): RouteQueries<IncreaseQuery | QuantileQuery> {
  // Every scraped series carries `namespace`; PromQL needs one non-empty matcher.
  const matchers: Matcher[] = [{ label: 'namespace', op: '!=', value: '' }];
  const view = (direction: RouteDirection, protocol: RouteProtocol): RouteView<IncreaseQuery | QuantileQuery> => {
    const families = routeFamilies(direction, protocol);
    const by = [...SOURCE_WORKLOAD_LABELS, ...PARENT_ROUTE[direction]];
    const latency = (q: number): QuantileQuery => ({ fn: 'quantile', q, metric: families.duration, matchers, by, windowSeconds });
    return {
      statuses: { fn: 'increase', metric: families.statuses, matchers, by: [...by, ...statusLabels(direction, protocol)], windowSeconds },
      latency: { p50: latency(QUANTILES.p50), p95: latency(QUANTILES.p95), p99: latency(QUANTILES.p99) },
    };
  };
  return { outboundHttp: view('outbound', 'http'), outboundGrpc: view('outbound', 'grpc'), inboundHttp: view('inbound', 'http'), inboundGrpc: view('inbound', 'grpc') };
}
