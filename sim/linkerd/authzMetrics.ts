/**
 * The proxy's inbound authorization counters, as Linkerd 2.20 names and labels them
 * (linkerd2-proxy linkerd/app/inbound/src/metrics/authz.rs; labels from linkerd/app/core/src/metrics.rs
 * `ServerLabel`, `RouteLabels`, `RouteAuthzLabels`, `ServerAuthzLabels` and transport/labels.rs `TargetAddr`,
 * `TlsAccept`): `inbound_http_authz_allow_total` (target, server, route, authz, tls),
 * `inbound_http_authz_deny_total` (target, server, route, tls), `inbound_http_route_not_found_total`
 * (target, server, tls), `inbound_tcp_authz_{allow,deny}_total` for connections to opaque servers, and
 * `inbound_tcp_authz_terminate_total` (target, server, tls) for open connections a policy change no longer admits.
 *
 * Unlike the traffic counters (rate × uptime), these are accumulated: a policy applied while the proxy runs
 * changes the rates from the next scrape on, and every counter only grows, as a real proxy's does. The proxy
 * closes a refused connection when its policy changes; here the change is seen at the proxy's next scrape, which
 * counts the flow's open connections as terminated once (a proxy never scraped before the change counts none).
 */
import type { Meta, SimDecision, SimRequest } from './authz';
import type { TrafficEdge } from '../traffic/model';
import type { Exposition } from './exposition';

type Labels = [string, string][];

/** One inbound flow's share of a pod's traffic, as metrics.ts derives it from the configured edges. */
export interface InboundFlow {
  readonly request: SimRequest;
  readonly target: Labels;
  readonly tls: Labels;
  readonly requestsPerSecond: number;
  /** Connections opened per second: recycled ones, or the reconnects of a client whose connections are refused. */
  readonly connectionsPerSecond: number;
  /** Connections the flow's clients hold open while admitted: one per client pod. */
  readonly openConnections: number;
  /** The configured edge the flow is a share of: its success rate and latency feed the route families. */
  readonly edge: TrafficEdge;
}

interface Counter {
  value: number;
  rate: number;
  at: number;
}

/** Per proxy (pod uid and start time), per series: kept across scrapes so counters accumulate. */
export class AuthzCounters {
  private readonly byProxy = new Map<string, Map<string, { family: string; labels: Labels; exact: boolean; counter: Counter }>>();
  /** Per proxy, the per-connection flows (by target and client) admitted at its last scrape. */
  private readonly admitted = new Map<string, Set<string>>();

  /**
   * Adds this scrape's rates, and `events` counted once (connections terminated); returns every series the proxy
   * has ever counted, with its value now: whole requests, except for `exact` series (a histogram's sum of seconds).
   */
  advance(proxy: string, nowMs: number, current: { family: string; labels: Labels; rate: number; exact?: boolean }[], events: { family: string; labels: Labels; count: number }[] = []): { family: string; labels: Labels; value: number }[] {
    let series = this.byProxy.get(proxy);
    if (!series) this.byProxy.set(proxy, (series = new Map()));
    for (const e of events) {
      const key = e.family + JSON.stringify(e.labels);
      const entry = series.get(key);
      if (entry) entry.counter.value += e.count;
      else series.set(key, { family: e.family, labels: e.labels, exact: false, counter: { value: e.count, rate: 0, at: nowMs } });
    }
    // Flows that end in the same series (two clients on one route) add up.
    const summed = new Map<string, { family: string; labels: Labels; rate: number; exact?: boolean }>();
    for (const s of current) {
      const key = s.family + JSON.stringify(s.labels);
      const prior = summed.get(key);
      summed.set(key, prior ? { ...prior, rate: prior.rate + s.rate } : s);
    }
    const seen = new Set<string>();
    for (const [key, s] of summed) {
      seen.add(key);
      const entry = series.get(key);
      if (!entry) series.set(key, { family: s.family, labels: s.labels, exact: s.exact === true, counter: { value: 0, rate: s.rate, at: nowMs } });
      else if (entry.counter.rate !== s.rate) fold(entry.counter, nowMs, s.rate);
    }
    for (const [key, entry] of series) if (!seen.has(key) && entry.counter.rate !== 0) fold(entry.counter, nowMs, 0);
    return [...series.values()].map((e) => {
      const value = e.counter.value + (e.counter.rate * (nowMs - e.counter.at)) / 1000;
      return { family: e.family, labels: e.labels, value: e.exact ? Number(value.toFixed(6)) : Math.floor(value) };
    });
  }

  /**
   * The open connections of per-connection flows admitted at `proxy`'s last scrape and refused now, as
   * `inbound_tcp_authz_terminate_total` events labelled with the Server that refuses them now; remembers what is
   * admitted now for the next scrape.
   */
  terminations(proxy: string, decided: readonly { flow: InboundFlow; decision: SimDecision }[]): { family: string; labels: Labels; count: number }[] {
    const before = this.admitted.get(proxy);
    const now = new Set<string>();
    const events: { family: string; labels: Labels; count: number }[] = [];
    for (const { flow: f, decision: d } of decided) {
      if (d.route !== undefined || d.outcome === 'route-not-found') continue;
      const key = JSON.stringify([f.target, f.tls]);
      if (d.outcome === 'allow') now.add(key);
      else if (before?.has(key)) events.push({ family: TERMINATE, labels: [...f.target, ...serverLabels(f, d), ...f.tls], count: f.openConnections });
    }
    this.admitted.set(proxy, now);
    return events;
  }
}

function fold(c: Counter, nowMs: number, rate: number): void {
  c.value += (c.rate * (nowMs - c.at)) / 1000;
  c.rate = rate;
  c.at = nowMs;
}

const meta = (prefix: string, m: Meta): Labels => [[`${prefix}_group`, m[0]], [`${prefix}_kind`, m[1]], [`${prefix}_name`, m[2]]];
const serverLabels = (f: InboundFlow, d: SimDecision): Labels => [...meta('srv', d.server), ['srv_port', String(f.request.port)]];
const TERMINATE = 'inbound_tcp_authz_terminate_total';

export const AUTHZ_FAMILIES: readonly [string, string][] = [
  ['inbound_http_authz_allow_total', 'The total number of inbound HTTP requests that were authorized'],
  ['inbound_http_authz_deny_total', 'The total number of inbound HTTP requests that could not be processed due to a proxy error.'],
  ['inbound_http_route_not_found_total', 'The total number of inbound HTTP requests that could not be associated with a route'],
  ['inbound_tcp_authz_allow_total', 'The total number of inbound TCP connections that were authorized'],
  ['inbound_tcp_authz_deny_total', 'The total number of inbound TCP connections that were denied'],
  [TERMINATE, 'The total number of inbound TCP connections that were terminated due to an authorization change'],
];

/** The series (with their current rates) that a proxy's decided inbound flows produce. */
export function authzRates(decided: readonly { flow: InboundFlow; decision: SimDecision }[]): { family: string; labels: Labels; rate: number }[] {
  const rates = new Map<string, { family: string; labels: Labels; rate: number }>();
  const add = (family: string, labels: Labels, rate: number) => {
    const key = family + JSON.stringify(labels);
    const r = rates.get(key);
    if (r) r.rate += rate;
    else rates.set(key, { family, labels, rate });
  };
  for (const { flow: f, decision: d } of decided) {
    const srv = serverLabels(f, d);
    if (d.route === undefined && d.outcome !== 'route-not-found') {
      if (d.outcome === 'allow') add('inbound_tcp_authz_allow_total', [...f.target, ...srv, ...meta('authz', d.authz!), ...f.tls], f.connectionsPerSecond);
      else add('inbound_tcp_authz_deny_total', [...f.target, ...srv, ...f.tls], f.connectionsPerSecond);
    } else if (d.outcome === 'route-not-found') add('inbound_http_route_not_found_total', [...f.target, ...srv, ...f.tls], f.requestsPerSecond);
    else if (d.outcome === 'allow') add('inbound_http_authz_allow_total', [...f.target, ...srv, ...meta('route', d.route!), ...meta('authz', d.authz!), ...f.tls], f.requestsPerSecond);
    else add('inbound_http_authz_deny_total', [...f.target, ...srv, ...meta('route', d.route!), ...f.tls], f.requestsPerSecond);
  }
  return [...rates.values()];
}

export function writeAuthz(out: Exposition, series: { family: string; labels: Labels; value: number }[]): void {
  for (const [name, help] of AUTHZ_FAMILIES) {
    out.family(name, 'counter', help);
    for (const s of series) if (s.family === name) out.sample(name, name, s.labels, s.value);
  }
}
