/**
 * The one inbound policy decision of Meshaware: which Server a flow reaches, which route it takes and which
 * authorization admits it — or why it is refused — as Linkerd decides it. Server choice follows
 * policy-controller/k8s/index/src/inbound/index.rs (`reindex_servers`: Servers selecting the pod by labels and
 * port, oldest first; otherwise the default server from the pod's `config.linkerd.io/default-inbound-policy`,
 * the cluster default and the require-identity ports); the authorization check follows linkerd2-proxy
 * (linkerd/app/inbound/src/policy/http.rs `authorize`, policy/tcp.rs): the route's authorizations, then
 * the Server's, the first that matches the client wins; none matching is a denial.
 */
import { parseCidr } from '../lint/checks/cidr';
import { clientMatches, networksOf, type Client, type NetworkMatch } from './clientMatch';
import { selectsLabels, type Authorization, type CompiledServer, type PolicySet } from './compile';
import { DEFAULT_POLICY_ANNOTATION, OPAQUE_PORTS_ANNOTATION, REQUIRE_IDENTITY_ANNOTATION, defaultAuthorization, isDefaultPolicy, portListHas, type DefaultPolicyName } from './defaults';
import { pickRoute } from './routes';
import type { Decision, DestinationWorkload, Flow, PolicyRef } from './types';

const DEFAULT_ROUTE: PolicyRef = { group: '', kind: 'default', name: 'default' };

/** Evaluates flows against one policy set; remembers each workload's Server per port. */
export class PolicyEvaluator {
  private readonly clusterNetworks: readonly NetworkMatch[];
  private readonly serverCache = new Map<string, CompiledServer | null>();
  private readonly ipCache = new Map<string, Client['ip']>();
  /** Observed flows repeat (many series per caller and route): each distinct flow is decided once. */
  private readonly decisions = new Map<string, Decision>();

  constructor(readonly policies: PolicySet) {
    this.clusterNetworks = networksOf(policies.settings.clusterNetworks);
  }

  /** The Server that a workload's port is bound to, or undefined for the default server. */
  serverFor(destination: DestinationWorkload, port: number): CompiledServer | undefined {
    const key = `${destination.namespace}/${destination.kind}/${destination.name}:${port}`;
    let s = this.serverCache.get(key);
    if (s === undefined) {
      s = this.policies.servers(destination.namespace).find((srv) => srv.selector !== undefined && selectsLabels(srv.selector, destination.labels) && portSelected(srv.port, destination, port)) ?? null;
      this.serverCache.set(key, s);
    }
    return s ?? undefined;
  }

  /** The default policy of a pod: its annotation, else its Namespace's, else the cluster's. */
  defaultPolicy(destination: DestinationWorkload, port: number): DefaultPolicyName {
    const own = destination.annotations[DEFAULT_POLICY_ANNOTATION] ?? this.policies.namespaceAnnotation(destination.namespace, DEFAULT_POLICY_ANNOTATION);
    const policy = isDefaultPolicy(own) ? own : (this.policies.settings.defaultPolicy as DefaultPolicyName);
    // A require-identity port turns an allow policy into its authenticated form, and the name follows (defaults.rs as_str).
    if (portListHas(destination.annotations[REQUIRE_IDENTITY_ANNOTATION], port) && policy.endsWith('-unauthenticated')) return policy.replace('-unauthenticated', '-authenticated') as DefaultPolicyName;
    return policy;
  }

  evaluate(flow: Flow): Decision {
    const d = flow.destination;
    const h = flow.http;
    const key = `${d.namespace}\u0000${d.kind}\u0000${d.name}\u0000${flow.port}\u0000${flow.clientIdentity ?? ''}\u0000${flow.clientIp ?? ''}\u0000${h === undefined ? '' : 'route' in h ? `r:${h.route}` : `${h.method} ${h.path}`}`;
    let decision = this.decisions.get(key);
    if (!decision) this.decisions.set(key, (decision = this.decideFlow(flow)));
    return decision;
  }

  private decideFlow(flow: Flow): Decision {
    const client: Client = { identity: flow.clientIdentity, ip: this.ip(flow.clientIp) };
    const server = this.serverFor(flow.destination, flow.port);
    if (!server) return this.evaluateDefault(flow, client);
    const http = flow.http && !server.opaque ? flow.http : undefined;
    if (!http) return this.decide(server.ref, undefined, server.authorizations, client, server.ignored, flow);
    if (server.routes.length === 0) return this.decide(server.ref, DEFAULT_ROUTE, server.authorizations, client, server.ignored, flow);
    const i = 'route' in http ? server.routes.findIndex((r) => r.ref.name === http.route) : pickRoute(server.routes, http.method, http.path);
    if (i < 0) {
      const what = 'route' in http ? `the route these requests took (${http.route})` : `${http.method} ${http.path}`;
      return { verdict: 'route-not-found', server: server.ref, audit: false, reason: `No HTTPRoute attached to Server ${server.ref.name} matches ${what}; the proxy answers 404.` };
    }
    const route = server.routes[i];
    return this.decide(server.ref, route.ref, [...route.authorizations, ...server.authorizations], client, server.ignored, flow);
  }

  private evaluateDefault(flow: Flow, client: Client): Decision {
    const policy = this.defaultPolicy(flow.destination, flow.port);
    const server: PolicyRef = { group: '', kind: 'default', name: policy };
    const match = defaultAuthorization(policy, this.policies.settings);
    const authorizations: Authorization[] = match ? [{ ...match, ref: { group: '', kind: 'default', name: policy } }] : [];
    const opaque = portListHas(flow.destination.annotations[OPAQUE_PORTS_ANNOTATION], flow.port);
    const route = flow.http && !opaque ? DEFAULT_ROUTE : undefined;
    return this.decide(server, route, authorizations, client, [], flow);
  }

  private decide(server: PolicyRef, route: PolicyRef | undefined, authorizations: readonly Authorization[], client: Client, ignored: readonly string[], flow: Flow): Decision {
    const admitting = authorizations.find((a) => clientMatches(a, client, this.clusterNetworks));
    if (admitting) {
      const audit = admitting.ref.kind === 'default' && admitting.ref.name === 'audit';
      const reason = audit
        ? `Allowed only because ${describe(server)} runs in audit mode: no other authorization admits ${who(flow)}, so it would be denied.`
        : `Allowed by ${describe(admitting.ref)} on ${describe(server)}${route ? `, route ${route.name}` : ''}.`;
      return { verdict: 'allow', server, route, authorization: admitting.ref, audit, reason };
    }
    const checked = authorizations.length ? ` Checked: ${authorizations.map((a) => describe(a.ref)).join(', ')}.` : ` ${describe(server)} has no authorizations${route && route.kind !== 'default' ? ` for route ${route.name}` : ''}.`;
    const notes = ignored.length ? ` ${ignored.join('. ')}.` : '';
    return { verdict: 'deny', server, route, audit: false, reason: `Denied: no authorization of ${describe(server)} admits ${who(flow)}.${checked}${notes}` };
  }

  private ip(text: string | undefined): Client['ip'] {
    if (text === undefined) return undefined;
    if (!this.ipCache.has(text)) this.ipCache.set(text, parseCidr(text));
    return this.ipCache.get(text);
  }
}

function portSelected(port: number | string | undefined, destination: DestinationWorkload, number: number): boolean {
  if (typeof port === 'number') return port === number;
  if (typeof port !== 'string') return false;
  return destination.ports.some((p) => p.name === port && p.port === number);
}

/** `Server web-http`, `AuthorizationPolicy web-authz`, or `default policy deny`. */
export function describe(ref: PolicyRef): string {
  if (ref.kind === 'default') return `default policy ${ref.name}`;
  const kinds: Record<string, string> = { server: 'Server', authorizationpolicy: 'AuthorizationPolicy', serverauthorization: 'ServerAuthorization' };
  return `${kinds[ref.kind] ?? ref.kind} ${ref.name}`;
}

function who(flow: Flow): string {
  return flow.clientIdentity ? `client ${flow.clientIdentity}` : 'an unauthenticated client (no mesh identity)';
}
