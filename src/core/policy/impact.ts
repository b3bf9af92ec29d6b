/**
 * Impact preview: which observed requests (or connections) an edited policy set would deny that are allowed now,
 * and which it would newly allow. "Now" is what the proxies reported (allowed and denied per caller), so the
 * preview needs no copy of the cluster's policy; "after" is the one evaluation (evaluate.ts) over the edited
 * objects. It covers observed traffic only: a caller that sent nothing in the window is not in it. Connections
 * (the proxies' `inbound_tcp_authz_*`) are evaluated as Linkerd authorizes them, by Server and authorization
 * with no route.
 */
import { isAudit } from '../metrics/audit';
import type { AuthzProtocol, PolicyLabel, TrafficModel } from '../metrics/model';
import type { PolicyEvaluator } from './evaluate';
import type { Decision, DestinationWorkload } from './types';

/** One observed caller → workload flow, from `meshaware authz -o json` rows or `meshaware edges -o json` edges. */
export interface ObservedFlow {
  /** How to name the caller: `deployment/vote-bot`, or a mesh identity, or `(unmeshed clients)`. */
  readonly caller: string;
  readonly clientIdentity: string | null;
  readonly destination: { readonly namespace: string; readonly kind: string; readonly name: string };
  /** Known from authz rows; for edges, every TCP port the workload declares is considered. */
  readonly port: number | null;
  /** The route the proxy reported (`route_name`), when known. */
  readonly route: string | null;
  /** HTTP requests, or TCP connections: what the numbers below count, per second. */
  readonly protocol: AuthzProtocol;
  /** What the destination allowed and denied now; null when the source did not report authorization. */
  readonly allowedRps: number | null;
  readonly deniedRps: number | null;
  readonly requestsPerSecond: number;
  /** The proxy admitted these requests only by audit mode (its `authz_name="audit"` row): observed would-be denials. */
  readonly audited?: boolean;
}

/**
 * `audit`: the edited policy admits the requests only by audit mode (a Server's `accessPolicy: audit`, or the
 * audit default policy): allowed, but they would be denied without it; `flow.audited` says the proxies confirm it.
 */
export type ImpactChange = 'newly-denied' | 'newly-allowed' | 'audit';

export interface ImpactItem {
  readonly flow: ObservedFlow;
  readonly port: number;
  readonly change: ImpactChange;
  /** Requests or connections (as `flow.protocol` says) per second that change verdict. */
  readonly perSecond: number;
  /** What the edited policy decides for them. */
  readonly decision: Decision;
  readonly destination: DestinationWorkload;
}

export interface ImpactResult {
  readonly items: ImpactItem[];
  /** Flows whose destination workload (or its ports) the policy set's workspace does not describe. */
  readonly unresolved: ObservedFlow[];
  readonly evaluated: number;
}

/** Evaluates every observed flow under the edited policies; `destinationOf` finds the workload's pods. */
export function previewImpact(flows: readonly ObservedFlow[], after: PolicyEvaluator, destinationOf: (ref: ObservedFlow['destination']) => DestinationWorkload | undefined): ImpactResult {
  const items: ImpactItem[] = [];
  const unresolved: ObservedFlow[] = [];
  let evaluated = 0;
  for (const flow of flows) {
    const destination = destinationOf(flow.destination);
    const ports = flow.port !== null ? [flow.port] : (destination?.ports.map((p) => p.port) ?? []);
    if (!destination || ports.length === 0) {
      unresolved.push(flow);
      continue;
    }
    // Without authorization counts, traffic that flowed is taken as allowed now.
    const allowedNow = flow.allowedRps ?? (flow.deniedRps === null ? flow.requestsPerSecond : 0);
    const deniedNow = flow.deniedRps ?? 0;
    for (const port of ports) {
      evaluated++;
      const http = flow.protocol === 'tcp' ? undefined : flow.route ? { route: flow.route } : { method: 'GET', path: '/' };
      const decision = after.evaluate({ clientIdentity: flow.clientIdentity ?? undefined, destination, port, http });
      const allows = decision.verdict === 'allow';
      if (!allows && allowedNow > 0) items.push({ flow, port, change: 'newly-denied', perSecond: allowedNow, decision, destination });
      // Audit mode admits all of the flow, denied now or not: each request is a would-be denial it reports.
      else if (allows && decision.audit && allowedNow + deniedNow > 0) items.push({ flow, port, change: 'audit', perSecond: allowedNow + deniedNow, decision, destination });
      else if (allows && deniedNow > 0) items.push({ flow, port, change: 'newly-allowed', perSecond: deniedNow, decision, destination });
    }
  }
  return { items, unresolved, evaluated };
}

/** Observed flows from the JSON of `meshaware authz -o json` or `meshaware edges -o json`. */
export function observedFlows(json: unknown): ObservedFlow[] {
  const o = json as { authorizations?: unknown; edges?: unknown };
  if (o && Array.isArray(o.authorizations)) {
    return o.authorizations.flatMap((r: AuthzExportRecord): ObservedFlow[] => (r && typeof r.namespace === 'string' && r.workload ? [authzFlow({ namespace: r.namespace, kind: r.workload.kind, name: r.workload.name }, r)] : []));
  }
  if (o && Array.isArray(o.edges)) {
    return o.edges.flatMap((e: EdgeRecord): ObservedFlow[] => {
      if (!e?.source || !e.destination || typeof e.destination.namespace !== 'string') return [];
      const caller = e.source.kind === 'UnmeshedClients' ? '(unmeshed clients)' : `${String(e.source.kind).toLowerCase()}/${e.source.name}`;
      const flow = { caller, clientIdentity: e.clientIdentity ?? null, destination: { namespace: e.destination.namespace, kind: e.destination.kind, name: e.destination.name }, port: null, route: null };
      const allowedCps = num(e.allowedConnectionsPerSecond);
      const deniedCps = num(e.deniedConnectionsPerSecond);
      // An edge whose destination counted connections is also a flow of connections, to be authorized as such.
      const connections: ObservedFlow[] = allowedCps === null && deniedCps === null ? [] : [{ ...flow, protocol: 'tcp', allowedRps: allowedCps, deniedRps: deniedCps, requestsPerSecond: (allowedCps ?? 0) + (deniedCps ?? 0) }];
      return [{ ...flow, protocol: 'http', allowedRps: num(e.allowedRps), deniedRps: num(e.deniedRps), requestsPerSecond: num(e.requestsPerSecond) ?? 0 }, ...connections];
    });
  }
  throw new Error('expected the JSON of `meshaware authz -o json` (authorizations) or `meshaware edges -o json` (edges)');
}

/** Observed flows from the traffic model's authorization rows (the editor's last read of the cluster). */
export function modelFlows(model: TrafficModel): ObservedFlow[] {
  const nodes = new Map(model.nodes.map((n) => [n.id, n]));
  return (model.authorizations ?? []).flatMap((r) => {
    const n = nodes.get(r.destination);
    return n ? [authzFlow({ namespace: n.namespace, kind: n.kind, name: n.name }, r)] : [];
  });
}

/** A row of the model, or of `authz -o json`, whose TCP rows carry their numbers as connections per second. */
interface AuthzRecord {
  protocol?: unknown;
  port?: number | null;
  route?: { name: string } | null;
  authorization?: PolicyLabel | null;
  client: string | null;
  allowedRps?: unknown;
  deniedRps?: unknown;
  allowedConnectionsPerSecond?: unknown;
  deniedConnectionsPerSecond?: unknown;
}

function authzFlow(destination: ObservedFlow['destination'], r: AuthzRecord): ObservedFlow {
  const protocol: AuthzProtocol = r.protocol === 'tcp' ? 'tcp' : 'http';
  // The model's rows keep every count in allowedRps/deniedRps; the JSON names connections as such.
  const allowedRps = num(protocol === 'tcp' && r.allowedConnectionsPerSecond !== undefined ? r.allowedConnectionsPerSecond : r.allowedRps);
  const deniedRps = num(protocol === 'tcp' && r.deniedConnectionsPerSecond !== undefined ? r.deniedConnectionsPerSecond : r.deniedRps);
  return { caller: r.client ?? '(no mesh identity)', clientIdentity: r.client ?? null, destination, port: typeof r.port === 'number' ? r.port : null, route: protocol === 'tcp' ? null : (r.route?.name ?? null), protocol, allowedRps, deniedRps, requestsPerSecond: (allowedRps ?? 0) + (deniedRps ?? 0), audited: isAudit(r.authorization) };
}

interface AuthzExportRecord extends AuthzRecord {
  namespace: string;
  workload: { kind: string; name: string };
}

interface EdgeRecord {
  source: { kind: string; name: string };
  destination: { kind: string; namespace: string; name: string };
  clientIdentity?: string | null;
  requestsPerSecond: unknown;
  allowedRps?: unknown;
  deniedRps?: unknown;
  allowedConnectionsPerSecond?: unknown;
  deniedConnectionsPerSecond?: unknown;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
