/**
 * Turns the results of the traffic queries (from Prometheus, or computed from proxy scrapes) and the pods of
 * the cluster into the model. This is the only place that decides what an edge or a node is, so both
 * sources necessarily agree on it.
 */
import { workloadFromLabels } from './kinds';
import { workloadId, type WorkloadRef } from '../workloadKinds';
import type { Labels } from './labels';
import { UNMESHED_CALLERS_KIND, type AuthzRow, type LatencyQuantiles, type MtlsState, type PodMeta, type TrafficEdge, type TrafficModel, type TrafficStats, type WorkloadNode } from './model';
import { QUANTILES, type QuantileName, type TrafficQueries, type Vector, type ViewQueries } from './queries';
import { perSecond } from './counters';
import { authzRows, joinAuthz } from './authz';
import { routeRows } from './routes';

/** What one view's results say about one edge or node, before it becomes numbers per second. */
class Tally {
  success = 0;
  failure = 0;
  connections = 0;
  seen = false;
  readonly latency: Record<QuantileName, number | null> = { p50: null, p95: null, p99: null };
  /** `no_tls_reason` (or the `tls` value when there is no reason) of every insecure series with traffic. */
  readonly insecure = new Set<string>();
  readonly serverIds = new Set<string>();

  noteTls(labels: Labels): void {
    if (labels.tls === undefined) return;
    if (labels.tls !== 'true') this.insecure.add(labels.no_tls_reason || labels.tls);
    if (labels.server_id) this.serverIds.add(labels.server_id);
  }

  stats(windowSeconds: number): TrafficStats {
    const total = this.success + this.failure;
    const latencyMs: LatencyQuantiles = { ...this.latency };
    return { requestsPerSecond: perSecond(total, windowSeconds), successRate: total > 0 ? this.success / total : null, latencyMs, openConnections: this.connections };
  }

  mtls(): MtlsState {
    const reasons = [...this.insecure].sort();
    return { secured: reasons.length === 0, noTlsReason: reasons[0] ?? null };
  }
}

/** Adds one view's results into tallies keyed by whatever `key` derives from a sample's labels. */
function tallyView(results: ViewQueries<Vector>, key: (labels: Labels) => string | undefined, tallies: Map<string, Tally>): void {
  const tallyFor = (labels: Labels): Tally | undefined => {
    const k = key(labels);
    if (k === undefined) return undefined;
    let t = tallies.get(k);
    if (!t) tallies.set(k, (t = new Tally()));
    return t;
  };
  for (const { labels, value } of results.connections) {
    const t = tallyFor(labels);
    if (!t) continue;
    t.seen = true;
    t.connections += value;
    if (value > 0) t.noteTls(labels);
  }
  for (const { labels, value } of results.responses) {
    const t = tallyFor(labels);
    if (!t) continue;
    t.seen = true;
    if (labels.classification === 'success') t.success += value;
    else if (labels.classification === 'failure') t.failure += value;
    if (value > 0) t.noteTls(labels);
  }
  for (const name of Object.keys(QUANTILES) as QuantileName[]) {
    for (const { labels, value } of results.latency[name]) {
      const t = tallyFor(labels);
      // NaN is histogram_quantile's "no observations"; a real value wins over it.
      if (t && !Number.isNaN(value)) t.latency[name] = value;
    }
  }
}

function unmeshedCallersOf(destination: WorkloadRef): WorkloadRef {
  return { kind: UNMESHED_CALLERS_KIND, namespace: destination.namespace, name: 'unmeshed' };
}

interface NodeDraft {
  ref: WorkloadRef;
  meshedPods: number;
  totalPods: number;
  identity?: string;
  /** Traffic evidence of a proxy, for workloads we have no pods for. */
  hasProxy: boolean;
}

function podNodes(pods: readonly PodMeta[]): Map<string, NodeDraft> {
  const drafts = new Map<string, NodeDraft>();
  for (const pod of [...pods].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!pod.owner) continue;
    const ref: WorkloadRef = { kind: pod.owner.kind, namespace: pod.namespace, name: pod.owner.name };
    const id = workloadId(ref);
    let d = drafts.get(id);
    if (!d) drafts.set(id, (d = { ref, meshedPods: 0, totalPods: 0, hasProxy: false }));
    d.totalPods++;
    if (pod.meshed) d.meshedPods++;
    if (pod.meshed && pod.identity && !d.identity) d.identity = pod.identity;
  }
  return drafts;
}

/**
 * Edges for callers whose connections a destination refused and whose own metrics show no edge to it: the
 * proxy closes a refused connection as soon as it has accepted it (linkerd2-proxy policy/tcp.rs), so the
 * caller's `tcp_open_connections` is back to 0 when it is read, and an opaque connection has no responses.
 * The destination's `inbound_tcp_authz_{deny,terminate}_total` name the client by its identity: the edge is
 * made when that identity is one workload's (or, without an identity, from the unmeshed callers — plaintext
 * clients, as the unmeshedCallers view counts them), with no traffic of its own; joinAuthz gives it its numbers.
 */
function refusedEdges(rows: readonly AuthzRow[], known: ReadonlySet<string>, drafts: ReadonlyMap<string, NodeDraft>): [WorkloadRef, WorkloadRef, TrafficEdge][] {
  const owners = new Map<string, string[]>();
  for (const [id, d] of drafts) if (d.identity) owners.set(d.identity, [...(owners.get(d.identity) ?? []), id]);
  const made = new Map<string, [WorkloadRef, WorkloadRef, TrafficEdge]>();
  for (const r of rows) {
    const destination = drafts.get(r.destination);
    if (r.protocol !== 'tcp' || r.deniedRps <= 0 || !destination) continue;
    const callers = r.client === null ? [unmeshedCallersOf(destination.ref)] : (owners.get(r.client) ?? []).map((id) => drafts.get(id)!.ref);
    // An identity several workloads run as does not say which of them called.
    if (callers.length !== 1) continue;
    const source = callers[0];
    const id = `${workloadId(source)} -> ${r.destination}`;
    if (known.has(id) || made.has(id)) continue;
    const mtls: MtlsState = r.client === null ? { secured: false, noTlsReason: 'no_tls_from_remote' } : { secured: true, noTlsReason: null };
    made.set(id, [source, destination.ref, {
      id, source: workloadId(source), destination: r.destination,
      requestsPerSecond: 0, successRate: null, latencyMs: { p50: null, p95: null, p99: null }, openConnections: 0,
      mtls, clientIdentity: r.client, serverIdentity: r.client === null ? null : (destination.identity ?? null),
    }]);
  }
  return [...made.values()];
}

/** Builds the model from query results; `windowSeconds` turns counts over the window into rates. */
export function assembleModel(results: TrafficQueries<Vector>, pods: readonly PodMeta[], windowSeconds: number): TrafficModel {
  const drafts = podNodes(pods);
  const remember = (ref: WorkloadRef, hasProxy: boolean): string => {
    const id = workloadId(ref);
    const d = drafts.get(id);
    if (!d) drafts.set(id, { ref, meshedPods: 0, totalPods: 0, hasProxy });
    else d.hasProxy ||= hasProxy;
    return id;
  };

  const edgeTallies = new Map<string, Tally>();
  const ends = new Map<string, readonly [WorkloadRef, WorkloadRef]>();
  const edgeKey = (source: WorkloadRef | undefined, destination: WorkloadRef | undefined): string | undefined => {
    if (!source || !destination) return undefined;
    const key = `${workloadId(source)} -> ${workloadId(destination)}`;
    if (!ends.has(key)) ends.set(key, [source, destination]);
    return key;
  };
  tallyView(results.edges, (l) => edgeKey(workloadFromLabels(l, ''), workloadFromLabels(l, 'dst_')), edgeTallies);
  tallyView(results.unmeshedCallers, (l) => {
    const destination = workloadFromLabels(l, '');
    return edgeKey(destination && unmeshedCallersOf(destination), destination);
  }, edgeTallies);
  const inboundTallies = new Map<string, Tally>();
  tallyView(results.inbound, (l) => {
    const w = workloadFromLabels(l, '');
    return w ? remember(w, true) : undefined;
  }, inboundTallies);

  const edges: TrafficEdge[] = [];
  for (const [id, t] of edgeTallies) {
    const stats = t.stats(windowSeconds);
    if (stats.openConnections <= 0 && stats.requestsPerSecond <= 0) continue;
    const [sourceRef, destinationRef] = ends.get(id)!;
    const mtls = t.mtls();
    const sourceId = remember(sourceRef, sourceRef.kind !== UNMESHED_CALLERS_KIND);
    // A destination that completed mutual TLS has a proxy, whatever the pod list says.
    const destinationId = remember(destinationRef, mtls.secured);
    const serverIds = [...t.serverIds].sort();
    edges.push({
      id,
      source: sourceId,
      destination: destinationId,
      ...stats,
      mtls,
      clientIdentity: drafts.get(sourceId)?.identity ?? null,
      serverIdentity: serverIds[0] ?? null,
    });
  }

  const authorizations = authzRows(results.authz, windowSeconds);
  for (const [source, destination, edge] of refusedEdges(authorizations, new Set(edges.map((e) => e.id)), drafts)) {
    remember(source, source.kind !== UNMESHED_CALLERS_KIND);
    remember(destination, true);
    edges.push(edge);
  }

  const nodes: WorkloadNode[] = [...drafts.entries()].map(([id, d]) => ({
    id,
    ...d.ref,
    meshedPods: d.meshedPods,
    totalPods: d.totalPods,
    meshed: d.totalPods > 0 ? d.meshedPods > 0 : d.hasProxy,
    inbound: inboundTallies.get(id)?.seen ? inboundTallies.get(id)!.stats(windowSeconds) : null,
  }));
  nodes.sort((a, b) => a.id.localeCompare(b.id));
  edges.sort((a, b) => a.id.localeCompare(b.id));
  const routes = routeRows(results.routes, windowSeconds);
  // Without authorization or route series (older proxies, or none scraped) the model is as before.
  return {
    windowSeconds,
    nodes,
    edges: authorizations.length > 0 ? joinAuthz(edges, nodes, authorizations) : edges,
    ...(authorizations.length > 0 ? { authorizations } : {}),
    ...(routes.length > 0 ? { routes } : {}),
  };
}
