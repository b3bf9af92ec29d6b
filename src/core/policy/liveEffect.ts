/**
 * The live effect of one policy object in the current context, from the traffic model's authorization rows
 * (what the proxies counted per Server, route, authorization and client): the code lens over a Server,
 * HTTPRoute, AuthorizationPolicy or ServerAuthorization in an editor. The proxy labels a Server `server`, an
 * HTTPRoute `HTTPRoute` and an authorization by its lower-case kind (linkerd2 policy-controller
 * `grpc/src/inbound.rs`, linkerd2-proxy `app/inbound/src/policy`); kinds are compared without case.
 */
import { AUDIT_TEXT, isAudit } from '../metrics/audit';
import { NOISE_RPS } from '../../shared/trafficNumbers';
import type { AuthzRow, PolicyLabel, TrafficModel } from '../metrics/model';

/** A policy object as written, and for an authorization the object it targets (its `targetRef`/`server`). */
export interface PolicyObjectRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly target?: { readonly kind: string; readonly name: string };
}

export interface LiveEffect {
  readonly allowedRps: number;
  /** Distinct mesh identities among the admitted clients. */
  readonly identities: number;
  /** Some admitted clients had no mesh identity. */
  readonly unidentified: boolean;
  /** Denials at the object (a Server or route), or at the target of an authorization. */
  readonly deniedRps: number;
  /** Requests admitted only by audit mode (not in allowedRps): they would be denied without it. */
  readonly auditRps: number;
}

const AUTHORIZATION_KINDS = new Set(['authorizationpolicy', 'serverauthorization']);

const same = (label: PolicyLabel, kind: string, name: string) => label.kind.toLowerCase() === kind.toLowerCase() && label.name === name;

function atObject(row: AuthzRow, kind: string, name: string): boolean {
  return kind.toLowerCase() === 'server' ? same(row.server, 'server', name) : same(row.route, kind, name);
}

/** What the proxies counted for `object`; undefined when the model says nothing about it. */
export function liveEffect(model: TrafficModel, object: PolicyObjectRef): LiveEffect | undefined {
  const namespaceOf = new Map(model.nodes.map((n) => [n.id, n.namespace]));
  const rows = (model.authorizations ?? []).filter((r) => namespaceOf.get(r.destination) === object.namespace);
  const kind = object.kind.toLowerCase();
  let admitted: AuthzRow[];
  let refused: AuthzRow[];
  if (AUTHORIZATION_KINDS.has(kind)) {
    admitted = rows.filter((r) => r.authorization && same(r.authorization, kind, object.name));
    const target = object.target;
    // A Namespace-wide policy sees every denial of its namespace; a Server or route target, the denials there.
    refused = !target ? [] : target.kind === 'Namespace' ? rows : rows.filter((r) => atObject(r, target.kind, target.name));
  } else if (kind === 'server' || kind === 'httproute') {
    admitted = rows.filter((r) => atObject(r, kind, object.name));
    refused = admitted;
  } else {
    return undefined;
  }
  // An object the proxies never named is not in effect (not applied, renamed, or ignored by the controller).
  if (admitted.length === 0) return undefined;
  const allowed = admitted.filter((r) => r.allowedRps > NOISE_RPS && !isAudit(r.authorization));
  const deniedRps = refused.reduce((n, r) => n + r.deniedRps, 0);
  const auditRps = admitted.filter((r) => isAudit(r.authorization)).reduce((n, r) => n + r.allowedRps, 0);
  return {
    allowedRps: allowed.reduce((n, r) => n + r.allowedRps, 0),
    identities: new Set(allowed.flatMap((r) => (r.client ? [r.client] : []))).size,
    unidentified: allowed.some((r) => r.client === null),
    deniedRps: deniedRps > NOISE_RPS ? deniedRps : 0,
    auditRps: auditRps > NOISE_RPS ? auditRps : 0,
  };
}

function rps(n: number): string {
  return `${n.toFixed(1)} rps`;
}

/** "web-http: 12.3 rps allowed from 2 identities · 0.4 rps denied", and "· 1.5 rps would be denied (audit)" in audit mode. */
export function formatLiveEffect(name: string, e: LiveEffect): string {
  const who = [e.identities ? `${e.identities} ${e.identities === 1 ? 'identity' : 'identities'}` : '', e.unidentified ? 'clients without identity' : ''].filter(Boolean).join(' and ');
  return `${name}: ${rps(e.allowedRps)} allowed${who ? ` from ${who}` : ''} · ${rps(e.deniedRps)} denied${e.auditRps > 0 ? ` · ${rps(e.auditRps)} ${AUDIT_TEXT}` : ''}`;
}
