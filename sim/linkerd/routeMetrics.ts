/**
 * The proxy's route-level families, as Linkerd 2.20's proxy (linkerd2-proxy v2.359.0) names and labels them:
 *
 * - on the caller, per Service parent and HTTPRoute/GRPCRoute (or the default route `http` when none is
 *   attached: policy-controller/grpc/src/outbound/http.rs `default_outbound_service_route`):
 *   `outbound_{http,grpc}_route_request_statuses_total` (parent_*, route_*, hostname, http_status|grpc_status,
 *   error), `outbound_{http,grpc}_route_request_duration_seconds` (parent_*, route_*, hostname; buckets
 *   0.05, 0.5, 1, 10) and `outbound_{http,grpc}_route_backend_requests_total` (… backend_*), from
 *   linkerd/app/outbound/src/http/logical/policy/route/metrics.rs, metrics/labels.rs, backend/metrics.rs and
 *   outbound/src/metrics.rs (`parent_group/kind/namespace/name/port/section_name`);
 * - on the server, for requests its policy permitted (the metrics layer sits behind authorization):
 *   `inbound_http_requests_total`, `inbound_http_statuses_total` (… status) and
 *   `inbound_http_request_duration_seconds` (buckets 0.025 … 10), labelled `parent_{group,kind,name,port}` and
 *   `route_{group,kind,name}` (linkerd/app/inbound/src/http/router/metrics/*.rs, inbound/src/metrics.rs).
 *
 * Which family a Service's traffic lands in follows its routes: gRPC families only when GRPCRoutes are
 * attached (otherwise gRPC is HTTP/2 to the proxy, with status 200 whatever the grpc-status). The simulated
 * Servers route HTTPRoutes only, as sim/linkerd/authz.ts does, so inbound traffic is always in the HTTP families.
 * Rates feed the same accumulating counters as authorization (authzMetrics.ts): routes change while proxies run.
 */
import type { TrafficEdge } from '../traffic/model';
import { latencyCdf, meanLatency } from '../traffic/model';
import { gt, score, type Meta, type Obj, type SimDecision } from './authz';
import type { Exposition } from './exposition';
import { TRUST_DOMAIN } from './constants';

type Labels = [string, string][];
export interface Rate { family: string; labels: Labels; rate: number; exact?: boolean }

const OUTBOUND_BUCKETS = [0.05, 0.5, 1, 10];
const INBOUND_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 10];
const GATEWAY = 'gateway.networking.k8s.io';

/** A bound as the proxy's Rust prometheus-client writes it: always with a fraction (`1.0`). */
const le = (b: number) => (Number.isInteger(b) ? b.toFixed(1) : String(b));

const isService = (p: Record<string, unknown>) => String(p.kind ?? 'Service') === 'Service' && ['', 'core', undefined].includes(p.group as string | undefined);

/** The routes attached to a Service port, oldest first, as `[kind, object]`. */
function serviceRoutes(objects: Obj[], namespace: string, service: string, port: number, kind: 'HTTPRoute' | 'GRPCRoute'): Obj[] {
  return objects
    .filter((o) => o.kind === kind)
    .filter((o) => (o.spec?.parentRefs ?? []).some((p: Record<string, unknown>) => isService(p) && p.name === service && (p.namespace ?? o.metadata.namespace) === namespace && (p.port === undefined || p.port === port)))
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

/** A GRPCRoute's best match for `/pkg.Service/Method`: exact service and method beat a service alone. */
function grpcScore(route: Obj, path: string): number[] | undefined {
  const [, service = '', method = ''] = path.split('/');
  let best: number[] | undefined;
  for (const rule of route.spec?.rules ?? [{}]) {
    const matches = rule.matches ?? [];
    for (const m of matches.length ? matches : [{}]) {
      const want = m.method ?? {};
      if ((want.service && want.service !== service) || (want.method && want.method !== method)) continue;
      const s = [want.service ? 1 : 0, want.method ? 1 : 0];
      if (gt(s, best)) best = s;
    }
  }
  return best;
}

/** The route an edge's requests take on the caller, and the family it reports them in; undefined when no attached route matches. */
function outboundRoute(objects: Obj[], edge: TrafficEdge): { protocol: 'http' | 'grpc'; meta: [string, string, string, string] } | undefined {
  const namespace = edge.toNamespace ?? edge.namespace;
  const request = edge.http ?? { method: edge.grpc ? 'POST' : 'GET', path: '/' };
  const grpc = serviceRoutes(objects, namespace, edge.service, edge.servicePort, 'GRPCRoute');
  const http = grpc.length ? [] : serviceRoutes(objects, namespace, edge.service, edge.servicePort, 'HTTPRoute');
  if (grpc.length === 0 && http.length === 0) return { protocol: 'http', meta: ['', 'default', '', 'http'] };
  let chosen: Obj | undefined;
  let best: number[] | undefined;
  for (const r of grpc.length ? grpc : http) {
    const s = grpc.length ? grpcScore(r, request.path) : score(r, request.method, request.path);
    if (s && gt(s, best)) [best, chosen] = [s, r];
  }
  if (!chosen) return undefined;
  return { protocol: grpc.length ? 'grpc' : 'http', meta: [(chosen.apiVersion ?? GATEWAY).split('/')[0], chosen.kind ?? '', chosen.metadata.namespace ?? '', chosen.metadata.name ?? ''] };
}

/** Status labels of the successful and the failed share of an edge's requests in a family. */
function outcomes(edge: TrafficEdge, statusLabel: 'http_status' | 'grpc_status' | 'status', grpcFamily: boolean): { share: number; labels: Labels }[] {
  const ok = grpcFamily ? (statusLabel === 'status' ? '0' : 'OK') : '200';
  // The simulated failures answer 500, or gRPC Unknown (code 2) inside an HTTP 200.
  const failed = grpcFamily ? (statusLabel === 'status' ? '2' : 'UNKNOWN') : edge.grpc ? '200' : '500';
  const error: Labels = statusLabel === 'status' ? [] : [['error', '']];
  return [
    { share: edge.successRate, labels: [[statusLabel, ok], ...error] },
    { share: 1 - edge.successRate, labels: [[statusLabel, failed], ...error] },
  ];
}

function histogram(out: Rate[], family: string, labels: Labels, edge: TrafficEdge, rate: number, buckets: number[]): void {
  for (const b of buckets) out.push({ family: `${family}_bucket`, labels: [...labels, ['le', le(b)]], rate: rate * latencyCdf(edge.latency, b * 1000) });
  out.push({ family: `${family}_bucket`, labels: [...labels, ['le', '+Inf']], rate });
  out.push({ family: `${family}_count`, labels, rate });
  out.push({ family: `${family}_sum`, labels, rate: (rate * meanLatency(edge.latency)) / 1000, exact: true });
}

/** The caller's route series for one edge it sends `rate` requests per second on. */
export function outboundRouteRates(objects: Obj[], edge: TrafficEdge, rate: number): Rate[] {
  const route = outboundRoute(objects, edge);
  if (!route || rate <= 0) return [];
  const namespace = edge.toNamespace ?? edge.namespace;
  const service = (scope: string): Labels => [[`${scope}_group`, 'core'], [`${scope}_kind`, 'Service'], [`${scope}_namespace`, namespace], [`${scope}_name`, edge.service], [`${scope}_port`, String(edge.servicePort)], [`${scope}_section_name`, '']];
  const [group, kind, routeNs, name] = route.meta;
  const labels: Labels = [...service('parent'), ['route_group', group], ['route_kind', kind], ['route_namespace', routeNs], ['route_name', name]];
  const prefix = `outbound_${route.protocol}_route`;
  const out: Rate[] = [{ family: `${prefix}_backend_requests_total`, labels: [...labels, ...service('backend')], rate }];
  const withHost: Labels = [...labels, ['hostname', `${edge.service}.${namespace}.svc.${TRUST_DOMAIN}`]];
  for (const o of outcomes(edge, route.protocol === 'grpc' ? 'grpc_status' : 'http_status', route.protocol === 'grpc')) {
    if (o.share > 0) out.push({ family: `${prefix}_request_statuses_total`, labels: [...withHost, ...o.labels], rate: rate * o.share });
  }
  histogram(out, `${prefix}_request_duration_seconds`, withHost, edge, rate, OUTBOUND_BUCKETS);
  return out;
}

const meta = (prefix: string, m: Meta): Labels => [[`${prefix}_group`, m[0]], [`${prefix}_kind`, m[1]], [`${prefix}_name`, m[2]]];

/** The server's route series for requests its policy permitted (`decision.outcome` allow). */
export function inboundRouteRates(decision: SimDecision, port: number, edge: TrafficEdge, rate: number): Rate[] {
  if (decision.outcome !== 'allow' || !decision.route || rate <= 0) return [];
  const labels: Labels = [...meta('parent', decision.server), ['parent_port', String(port)], ...meta('route', decision.route)];
  const out: Rate[] = [{ family: 'inbound_http_requests_total', labels, rate }];
  for (const o of outcomes(edge, 'status', false)) if (o.share > 0) out.push({ family: 'inbound_http_statuses_total', labels: [...labels, ...o.labels], rate: rate * o.share });
  histogram(out, 'inbound_http_request_duration_seconds', labels, edge, rate, INBOUND_BUCKETS);
  return out;
}

/**
 * The families in the proxy's order, named as its prometheus-client registers them: a counter's TYPE line
 * names it without `_total`, which only its samples carry.
 */
const FAMILIES: [string, 'counter' | 'histogram', string][] = [
  ['inbound_http_requests', 'counter', 'The total number of requests dispatched'],
  ['inbound_http_request_duration_seconds', 'histogram', 'The time between request initialization and response completion'],
  ['inbound_http_statuses', 'counter', 'Completed HTTP responses'],
  ...(['http', 'grpc'] as const).flatMap((p): [string, 'counter' | 'histogram', string][] => [
    [`outbound_${p}_route_request_duration_seconds`, 'histogram', 'The time between request initialization and response completion'],
    [`outbound_${p}_route_backend_requests`, 'counter', 'The total number of requests dispatched'],
    [`outbound_${p}_route_request_statuses`, 'counter', 'Completed request-response streams'],
  ]),
];

export function writeRoutes(out: Exposition, series: { family: string; labels: Labels; value: number }[]): void {
  for (const [name, type, help] of FAMILIES) {
    out.family(name, type, help);
    const samples = type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [`${name}_total`];
    for (const sample of samples) for (const s of series) if (s.family === sample) out.sample(name, sample, s.labels, s.value);
  }
}
