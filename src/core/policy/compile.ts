/**
 * The policy objects of a cluster or workspace compiled into what each Server enforces, after Linkerd's
 * policy controller (policy-controller/k8s/index/src/inbound/index.rs: `client_authzs`, `route_client_authzs`,
 * `http_routes`, `policy_client_authz`; authorization_policy.rs, server_authorization.rs,
 * meshtls_authentication.rs, network_authentication.rs). Compiled once per policy set; evaluation (evaluate.ts)
 * then only looks things up, so impact over thousands of flows stays cheap.
 */
import { parseCidr } from '../lint/checks/cidr';
import { selects as selectsMap, type LabelSelector } from '../lint/model/selector';
import { ALL_NETWORKS, identitiesOf, networksOf, type Authentication, type ClientMatch, type NetworkMatch } from './clientMatch';
import { defaultAuthorization, isDefaultPolicy, namespaceIdentity, serviceAccountIdentity } from './defaults';
import { GATEWAY_GROUP, POLICY_GROUP, groupOf, isMap, mapAt, mapsAt, refTargets, selectorOf, strAt, stringsAt } from './objects';
import { compileRules, type RouteRule } from './routes';
import type { ClusterPolicySettings, JsonMap, PolicyObject, PolicyRef } from './types';

export interface Authorization extends ClientMatch {
  readonly ref: PolicyRef;
}

export interface CompiledRoute {
  readonly ref: PolicyRef;
  readonly rules: readonly RouteRule[];
  /** The route's own authorizations; the Server's follow them (linkerd2-proxy server-policy authz.rs `mk_authorizations`). */
  readonly authorizations: readonly Authorization[];
}

export interface CompiledServer {
  readonly ref: PolicyRef;
  readonly labels: Readonly<Record<string, string>>;
  readonly selector: LabelSelector | undefined;
  readonly port: number | string | undefined;
  readonly opaque: boolean;
  readonly authorizations: readonly Authorization[];
  /** HTTPRoutes attached to the Server; empty means the default route. */
  readonly routes: readonly CompiledRoute[];
  /** Policies that name this Server but are ignored, with why (a missing authentication, say). */
  readonly ignored: readonly string[];
}

interface NamespaceObjects {
  readonly byKind: Map<string, PolicyObject[]>;
}

const key = (group: string, kind: string) => `${group}/${kind}`;

function created(o: PolicyObject): string {
  return o.metadata.creationTimestamp ?? '';
}

function refOf(o: PolicyObject, kind: string): PolicyRef {
  return { group: groupOf(o) || POLICY_GROUP, kind, name: o.metadata.name ?? '', origin: o.origin };
}

function networkList(entries: JsonMap[]): NetworkMatch[] {
  return entries.flatMap((n) => {
    const net = parseCidr(strAt(n, 'cidr') ?? '');
    if (!net) return [];
    return [{ net, except: stringsAt(n, 'except').flatMap((e) => parseCidr(e) ?? []) }];
  });
}

export class PolicySet {
  private readonly namespaces = new Map<string, NamespaceObjects>();
  private readonly compiled = new Map<string, CompiledServer[]>();
  private readonly namespaceAnnotations = new Map<string, Readonly<Record<string, string>>>();

  constructor(
    objects: readonly PolicyObject[],
    readonly settings: ClusterPolicySettings,
  ) {
    for (const o of objects) {
      if (o.kind === 'Namespace' && groupOf(o) === '') {
        this.namespaceAnnotations.set(o.metadata.name ?? '', o.metadata.annotations ?? {});
        continue;
      }
      const ns = o.metadata.namespace ?? 'default';
      let n = this.namespaces.get(ns);
      if (!n) this.namespaces.set(ns, (n = { byKind: new Map() }));
      const k = key(groupOf(o), o.kind);
      const list = n.byKind.get(k);
      if (list) list.push(o);
      else n.byKind.set(k, [o]);
    }
  }

  /** A Namespace object's annotations, when the set has it. */
  namespaceAnnotation(namespace: string, name: string): string | undefined {
    return this.namespaceAnnotations.get(namespace)?.[name];
  }

  private list(namespace: string, group: string, kind: string): readonly PolicyObject[] {
    return this.namespaces.get(namespace)?.byKind.get(key(group, kind)) ?? [];
  }

  /** The Servers of a namespace in the order the controller gives them precedence (creation, then name). */
  servers(namespace: string): readonly CompiledServer[] {
    let list = this.compiled.get(namespace);
    if (!list) this.compiled.set(namespace, (list = this.compileNamespace(namespace)));
    return list;
  }

  private compileNamespace(namespace: string): CompiledServer[] {
    const servers = [...this.list(namespace, POLICY_GROUP, 'Server')].sort((a, b) => created(a).localeCompare(created(b)) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const policies = this.list(namespace, POLICY_GROUP, 'AuthorizationPolicy');
    const sazs = this.list(namespace, POLICY_GROUP, 'ServerAuthorization');
    const routes = [...this.list(namespace, POLICY_GROUP, 'HTTPRoute'), ...this.list(namespace, GATEWAY_GROUP, 'HTTPRoute')].sort((a, b) => created(a).localeCompare(created(b)) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    return servers.map((s) => {
      const name = s.metadata.name ?? '';
      const spec = s.spec ?? {};
      const ignored: string[] = [];
      const authorizations: Authorization[] = [];
      for (const saz of sazs) {
        const target = mapAt(saz.spec, 'server');
        const byName = strAt(target, 'name');
        const selects = byName !== undefined ? byName === name : selectsLabels(selectorOf(mapAt(target, 'selector')) ?? { matchLabels: new Map(), expressions: [] }, s.metadata.labels ?? {});
        if (!selects) continue;
        const m = this.serverAuthorization(saz, namespace);
        if (typeof m === 'string') ignored.push(`ServerAuthorization ${saz.metadata.name} is ignored: ${m}`);
        else authorizations.push({ ...m, ref: refOf(saz, 'serverauthorization') });
      }
      for (const ap of policies) {
        const t = mapAt(ap.spec, 'targetRef') ?? {};
        const targets = (refTargets(t, POLICY_GROUP, 'Server') && strAt(t, 'name') === name) || refTargets(t, '', 'Namespace');
        if (!targets) continue;
        this.addPolicy(ap, namespace, authorizations, ignored);
      }
      const access = strAt(spec, 'accessPolicy');
      if (isDefaultPolicy(access)) {
        const m = defaultAuthorization(access, this.settings);
        if (m) authorizations.push({ ...m, ref: { group: '', kind: 'default', name: access } });
      }
      const attached = routes.filter((r) => mapsAt(r.spec, 'parentRefs').some((p) => refTargets(p, POLICY_GROUP, 'Server', groupOf(r) === POLICY_GROUP ? POLICY_GROUP : GATEWAY_GROUP) && strAt(p, 'name') === name && (strAt(p, 'namespace') ?? namespace) === namespace));
      const compiledRoutes = attached.map((r): CompiledRoute => {
        const own: Authorization[] = [];
        for (const ap of policies) {
          const t = mapAt(ap.spec, 'targetRef') ?? {};
          const isRoute = (refTargets(t, POLICY_GROUP, 'HTTPRoute') || refTargets(t, GATEWAY_GROUP, 'HTTPRoute')) && (strAt(t, 'group') ?? '').toLowerCase() === groupOf(r).toLowerCase();
          if (isRoute && strAt(t, 'name') === r.metadata.name) this.addPolicy(ap, namespace, own, ignored);
        }
        return { ref: { group: groupOf(r), kind: 'HTTPRoute', name: r.metadata.name ?? '', origin: r.origin }, rules: compileRules(r.spec), authorizations: own };
      });
      const port = spec.port;
      const protocol = strAt(spec, 'proxyProtocol') ?? 'unknown';
      return {
        ref: { group: POLICY_GROUP, kind: 'server', name, origin: s.origin },
        labels: s.metadata.labels ?? {},
        selector: selectorOf(mapAt(spec, 'podSelector')),
        port: typeof port === 'number' || typeof port === 'string' ? port : undefined,
        opaque: protocol === 'opaque' || protocol === 'TLS',
        authorizations,
        routes: compiledRoutes,
        ignored,
      };
    });
  }

  private addPolicy(ap: PolicyObject, namespace: string, out: Authorization[], ignored: string[]): void {
    const m = this.policyAuthorization(ap, namespace);
    if (typeof m === 'string') ignored.push(`AuthorizationPolicy ${ap.metadata.name} is ignored: ${m}`);
    else out.push({ ...m, ref: refOf(ap, 'authorizationpolicy') });
  }

  /** `policy_client_authz`: identities from one MeshTLSAuthentication or ServiceAccount, networks from one NetworkAuthentication. */
  private policyAuthorization(ap: PolicyObject, namespace: string): ClientMatch | string {
    let authentication: Authentication | undefined;
    let networks: NetworkMatch[] | undefined;
    for (const ref of mapsAt(ap.spec, 'requiredAuthenticationRefs')) {
      const name = strAt(ref, 'name') ?? '';
      const ns = strAt(ref, 'namespace') ?? namespace;
      if (refTargets(ref, POLICY_GROUP, 'MeshTLSAuthentication') || refTargets(ref, '', 'ServiceAccount')) {
        if (authentication) return 'it names more than one MeshTLSAuthentication or ServiceAccount';
        if (refTargets(ref, '', 'ServiceAccount')) {
          authentication = identitiesOf([serviceAccountIdentity(this.settings, ns, name)]);
          continue;
        }
        const authn = this.list(ns, POLICY_GROUP, 'MeshTLSAuthentication').find((o) => o.metadata.name === name);
        if (!authn) return `MeshTLSAuthentication ${ns}/${name} does not exist`;
        const ids = this.meshTlsIdentities(authn, ns);
        if (ids.length === 0) return `MeshTLSAuthentication ${ns}/${name} names no identities`;
        authentication = identitiesOf(ids);
      } else if (refTargets(ref, POLICY_GROUP, 'NetworkAuthentication')) {
        if (networks) return 'it names more than one NetworkAuthentication';
        const authn = this.list(ns, POLICY_GROUP, 'NetworkAuthentication').find((o) => o.metadata.name === name);
        if (!authn) return `NetworkAuthentication ${ns}/${name} does not exist`;
        networks = networkList(mapsAt(authn.spec, 'networks'));
      } else {
        return `it requires an unsupported authentication kind ${strAt(ref, 'kind') ?? '(none)'}`;
      }
    }
    return { networks: networks ?? ALL_NETWORKS, authentication: authentication ?? { kind: 'unauthenticated' } };
  }

  private meshTlsIdentities(authn: PolicyObject, namespace: string): string[] {
    const ids = [...stringsAt(authn.spec, 'identities')];
    for (const ref of mapsAt(authn.spec, 'identityRefs')) {
      const name = strAt(ref, 'name') ?? '';
      if (refTargets(ref, '', 'ServiceAccount')) ids.push(serviceAccountIdentity(this.settings, strAt(ref, 'namespace') ?? namespace, name));
      else if (refTargets(ref, '', 'Namespace')) ids.push(namespaceIdentity(this.settings, name));
    }
    return ids;
  }

  /** A ServerAuthorization's client: networks (cluster networks when none), then unauthenticated or mesh TLS. */
  private serverAuthorization(saz: PolicyObject, namespace: string): ClientMatch | string {
    const client = mapAt(saz.spec, 'client');
    const listed = networkList(mapsAt(client, 'networks'));
    const networks = listed.length ? listed : networksOf(this.settings.clusterNetworks);
    if (isMap(client) && client.unauthenticated === true) return { networks, authentication: { kind: 'unauthenticated' } };
    const mtls = mapAt(client, 'meshTLS');
    if (!mtls) return 'it configures no client authentication';
    if (mtls.unauthenticatedTLS === true) return { networks, authentication: { kind: 'tls-unauthenticated' } };
    const ids = [...stringsAt(mtls, 'identities'), ...mapsAt(mtls, 'serviceAccounts').map((sa) => serviceAccountIdentity(this.settings, strAt(sa, 'namespace') ?? namespace, strAt(sa, 'name') ?? ''))];
    if (ids.length === 0) return 'it authorizes no clients';
    return { networks, authentication: identitiesOf(ids) };
  }
}

export function selectsLabels(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selectsMap(selector, new Map(Object.entries(labels)));
}
