/**
 * The live-traffic model shared by both sources (Prometheus, or the proxies scraped directly), the panel and
 * the `meshaware edges` / `meshaware stat` commands. Every number is for the same window: Prometheus's range,
 * or the time between two proxy scrapes.
 */
import type { WorkloadRef } from '../workloadKinds';
import type { AuthzProtocol } from '../../shared/trafficProtocol';


/** What the cluster client tells us about one pod; both sources need it (viz does the same, for MESHED and identities). */
export interface PodMeta {
  readonly namespace: string;
  readonly name: string;
  /** The pod's labels, which Prometheus copies onto every series it scrapes from it. */
  readonly labels: Readonly<Record<string, string>>;
  /** The top-level owner, e.g. the Deployment rather than its ReplicaSet; undefined for a bare pod. */
  readonly owner?: { readonly kind: string; readonly name: string };
  /** Has a linkerd-proxy sidecar of our control plane. */
  readonly meshed: boolean;
  /** The proxy's TLS identity, resolved from the pod spec as `linkerd viz edges` does; meshed pods only. */
  readonly identity?: string;
  /** Pod IP, used for Prometheus's `instance` label. */
  readonly ip?: string;
}

export interface LatencyQuantiles {
  /** Milliseconds, from the response latency histogram; null when there were no responses. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

export interface TrafficStats {
  readonly requestsPerSecond: number;
  /** Successes / all classified responses; null when there were none. */
  readonly successRate: number | null;
  readonly latencyMs: LatencyQuantiles;
  readonly openConnections: number;
}

export interface MtlsState {
  /** Every connection and response of the edge was over mutual TLS. */
  readonly secured: boolean;
  /** Why not, as the proxy reports it (e.g. `not_provided_by_service_discovery`, `no_tls_from_remote`). */
  readonly noTlsReason: string | null;
}

export interface WorkloadNode extends WorkloadRef {
  readonly id: string;
  readonly meshedPods: number;
  readonly totalPods: number;
  /** Runs a proxy: from the pods when known, otherwise from what the traffic says. */
  readonly meshed: boolean;
  /** Traffic the workload received, as `linkerd viz stat` reports it; null when its proxies reported none. */
  readonly inbound: TrafficStats | null;
}

export interface TrafficEdge extends TrafficStats {
  readonly id: string;
  /** Node ids. */
  readonly source: string;
  readonly destination: string;
  readonly mtls: MtlsState;
  /** The source's TLS identity (from its pods), null for unmeshed callers. */
  readonly clientIdentity: string | null;
  /** The identity the destination presented (`server_id`), null when not secured. */
  readonly serverIdentity: string | null;
  /** What the destination's proxies allowed and denied of this caller's traffic; absent when they reported none. */
  readonly authz?: EdgeAuthz;
}

/** Allowed and denied per second. */
export interface AuthzRates {
  readonly allowed: number;
  readonly denied: number;
}

/** An edge's authorization, per unit: requests (HTTP) and connections (TCP); each absent when none was counted. */
export interface EdgeAuthz {
  readonly requests?: AuthzRates;
  readonly connections?: AuthzRates;
}

/** A Server, route or authorization as the proxy labels it: kind `default` for the default policies. */
export interface PolicyLabel {
  readonly kind: string;
  readonly name: string;
}

/** Requests or connections a workload's proxies allowed or denied, per Server, route, authorization and client identity. */
export interface AuthzRow {
  /** The destination workload's node id. */
  readonly destination: string;
  /**
   * What the row counts: HTTP requests, or TCP connections, which Linkerd authorizes once per connection (at
   * opaque and TLS ports, and for traffic that is not HTTP), with no route.
   */
  readonly protocol: AuthzProtocol;
  readonly server: PolicyLabel;
  /** The port the requests arrived on (`srv_port`); null when the proxy did not say. */
  readonly port: number | null;
  /** Kind and name '' for requests no route matched (`inbound_http_route_not_found_total`); null for connections. */
  readonly route: PolicyLabel | null;
  /** The authorization that admitted the requests; null for the row of denials. */
  readonly authorization: PolicyLabel | null;
  /**
   * Connections that were admitted when they opened and that the proxy closed when a policy change stopped
   * admitting them (`inbound_tcp_authz_terminate_total`): counted as denied, on a row of their own.
   */
  readonly terminated?: true;
  /** The client's mesh identity; null for clients without one. */
  readonly client: string | null;
  /** Per second: requests (http) or connections (tcp). */
  readonly allowedRps: number;
  readonly deniedRps: number;
}

/** A route's traffic as one workload's proxies saw it: the caller's (outbound) or the server's (inbound). */
export interface RouteRow {
  readonly direction: 'inbound' | 'outbound';
  readonly protocol: 'http' | 'grpc';
  /** The node id of the workload whose proxies reported the route: the caller (outbound) or the server (inbound). */
  readonly workload: string;
  /** The Service (outbound) or Server (inbound; kind `default` for a default policy) the route is attached to. */
  readonly parent: PolicyLabel & { readonly namespace: string; readonly port: number | null };
  /** The HTTPRoute or GRPCRoute; kind `default` for the route the proxy uses when none is attached. */
  readonly route: PolicyLabel & { readonly namespace: string };
  readonly requestsPerSecond: number;
  /** Share of completed requests that did not fail; null when none completed. */
  readonly successRate: number | null;
  readonly latencyMs: LatencyQuantiles;
}

/** Why requests or connections were refused (authz.ts refusalOf), and what a row counts; named once, in the panel's protocol. */
export type { AuthzProtocol, Refusal } from '../../shared/trafficProtocol';

export interface TrafficModel {
  readonly windowSeconds: number;
  readonly nodes: WorkloadNode[];
  readonly edges: TrafficEdge[];
  /** Inbound authorization by workload, Server, route, authorization and client (empty when no proxy reported any). */
  readonly authorizations?: AuthzRow[];
  /** Per-route traffic (empty or absent when no proxy reported route families). */
  readonly routes?: RouteRow[];
}

/**
 * The node standing for callers without a proxy: the server's proxy sees their plaintext connections but
 * cannot tell who they are, so they are grouped as one caller per destination namespace.
 */
export const UNMESHED_CALLERS_KIND = 'UnmeshedClients';

/** Only the edges touching `namespace` (at either end, as `linkerd viz edges -n` does) and their nodes. */
export function filterByNamespace(model: TrafficModel, namespace: string): TrafficModel {
  const nodes = new Map(model.nodes.map((n) => [n.id, n]));
  const edges = model.edges.filter((e) => nodes.get(e.source)?.namespace === namespace || nodes.get(e.destination)?.namespace === namespace);
  const keep = new Set(edges.flatMap((e) => [e.source, e.destination]));
  const kept = model.nodes.filter((n) => n.namespace === namespace || keep.has(n.id));
  const ids = new Set(kept.map((n) => n.id));
  const authorizations = model.authorizations?.filter((r) => ids.has(r.destination));
  const routes = model.routes?.filter((r) => ids.has(r.workload));
  return { ...model, nodes: kept, edges, ...(authorizations ? { authorizations } : {}), ...(routes ? { routes } : {}) };
}
