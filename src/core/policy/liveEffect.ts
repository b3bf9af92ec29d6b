/**
 * The live effect of one policy object in the current context, from the traffic model's authorization rows
 * (what the proxies counted per Server, route, authorization and client): the code lens over a Server,
 * HTTPRoute, AuthorizationPolicy or ServerAuthorization in an editor. The proxy labels a Server `server`, an
 * HTTPRoute `HTTPRoute` and an authorization by its lower-case kind (linkerd2 policy-controller
 * `grpc/src/inbound.rs`, linkerd2-proxy `app/inbound/src/policy`); kinds are compared without case.
 */
import { AUDIT_TEXT, isAudit } from '../metrics/audit';
import { authzUnit } from '../metrics/authz';
import { NOISE_RPS } from '../../shared/trafficNumbers';
import type { AuthzRow, PolicyLabel, TrafficModel } from '../metrics/model';

/** A policy object as written, and for an authorization the object it targets (its `targetRef`/`server`). */
export interface PolicyObjectRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly target?: { readonly kind: string; readonly name: string };
}

/** What the proxies counted of one unit, per second. */
export interface UnitEffect {
  readonly allowed: number;
  /** Denials at the object (a Server or route), or at the target of an authorization. */
  readonly denied: number;
  /** Admitted only by audit mode (not in `allowed`): they would be denied without it. */
  readonly audit: number;
}

export interface LiveEffect {
  /** HTTP requests, when the proxies counted requests at the object. */
  readonly requests?: UnitEffect;
  /** TCP connections (opaque and TLS ports, traffic that is not HTTP), when they counted connections there. */
  readonly connections?: UnitEffect;
  /** Distinct mesh identities among the admitted clients. */
  readonly identities: number;
  /** Some admitted clients had no mesh identity. */
  readonly unidentified: boolean;
}

const AUTHORIZATION_KINDS = new Set(['authorizationpolicy', 'serverauthorization']);

const same = (label: PolicyLabel, kind: string, name: string) => label.kind.toLowerCase() === kind.toLowerCase() && label.name === name;

function atObject(row: AuthzRow, kind: string, name: string): boolean {
  return kind.toLowerCase() === 'server' ? same(row.server, 'server', name) : row.route !== null && same(row.route, kind, name);
}

const sum = (rows: readonly AuthzRow[], n: (r: AuthzRow) => number) => rows.reduce((t, r) => t + n(r), 0);
const heard = (n: number) => (n > NOISE_RPS ? n : 0);

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
  const unit = (unitOf: 'requests' | 'connections'): UnitEffect | undefined => {
    const mine = (list: AuthzRow[]) => list.filter((r) => authzUnit(r) === unitOf);
    if (mine(admitted).length === 0 && mine(refused).length === 0) return undefined;
    return {
      allowed: sum(mine(allowed), (r) => r.allowedRps),
      denied: heard(sum(mine(refused), (r) => r.deniedRps)),
      audit: heard(sum(mine(admitted).filter((r) => isAudit(r.authorization)), (r) => r.allowedRps)),
    };
  };
  const requests = unit('requests');
  const connections = unit('connections');
  return {
    ...(requests ? { requests } : {}),
    ...(connections ? { connections } : {}),
    identities: new Set(allowed.flatMap((r) => (r.client ? [r.client] : []))).size,
    unidentified: allowed.some((r) => r.client === null),
  };
}

/**
 * `6.0 rps`, `0.50 conn/s`, or both joined by `+`, for the units counted; only those above zero when `nonzero`.
 * Connections get two decimals: a client that reconnects every 30 s opens 0.03 a second.
 */
function amounts(e: LiveEffect, pick: (u: UnitEffect) => number, nonzero = false): string {
  const parts = [
    ...(e.requests && (!nonzero || pick(e.requests) > 0) ? [`${pick(e.requests).toFixed(1)} rps`] : []),
    ...(e.connections && (!nonzero || pick(e.connections) > 0) ? [`${pick(e.connections).toFixed(2)} conn/s`] : []),
  ];
  return parts.join(' + ');
}

/**
 * "web-http: 12.3 rps allowed from 2 identities · 0.4 rps denied", and "· 1.5 rps would be denied (audit)" in audit
 * mode; connections in conn/s ("db: 0.20 conn/s allowed from 1 identity · 0.50 conn/s denied").
 */
export function formatLiveEffect(name: string, e: LiveEffect): string {
  const who = [e.identities ? `${e.identities} ${e.identities === 1 ? 'identity' : 'identities'}` : '', e.unidentified ? 'clients without identity' : ''].filter(Boolean).join(' and ');
  const audit = amounts(e, (u) => u.audit, true);
  return `${name}: ${amounts(e, (u) => u.allowed)} allowed${who ? ` from ${who}` : ''} · ${amounts(e, (u) => u.denied)} denied${audit ? ` · ${audit} ${AUDIT_TEXT}` : ''}`;
}
