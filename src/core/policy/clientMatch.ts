/**
 * How an authorization matches a client, after Linkerd's proxy (linkerd/app/inbound/src/policy.rs,
 * `is_authorized`): the client's IP must lie in one of its networks (and in none of that network's
 * exceptions), then its authentication must hold — anyone, any mesh TLS client, or one of a list of
 * identities, where `*` and `*.suffix` entries match by DNS suffix (policy-controller/core IdentityMatch).
 */
import { contains, parseCidr, type Cidr } from '../lint/checks/cidr';

export interface NetworkMatch {
  readonly net: Cidr;
  readonly except: readonly Cidr[];
}

export type Authentication =
  | { readonly kind: 'unauthenticated' }
  | { readonly kind: 'tls-unauthenticated' }
  | { readonly kind: 'identities'; readonly exact: ReadonlySet<string>; readonly suffixes: readonly string[] };

export interface ClientMatch {
  readonly networks: readonly NetworkMatch[];
  readonly authentication: Authentication;
}

export const ALL_NETWORKS: readonly NetworkMatch[] = ['0.0.0.0/0', '::/0'].map((n) => ({ net: parseCidr(n)!, except: [] }));

export function networksOf(cidrs: readonly string[]): NetworkMatch[] {
  return cidrs.flatMap((c) => {
    const net = parseCidr(c);
    return net ? [{ net, except: [] }] : [];
  });
}

/** Identity strings as MeshTLSAuthentication and ServerAuthorization list them: exact names, `*` or `*.suffix`. */
export function identitiesOf(ids: readonly string[]): Authentication {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const id of ids) {
    if (id === '*') suffixes.push('');
    else if (id.startsWith('*.')) suffixes.push(id.slice(1));
    else exact.add(id);
  }
  return { kind: 'identities', exact, suffixes };
}

export interface Client {
  readonly identity?: string;
  /** Undefined: an unknown address inside the cluster networks (`clusterNetworks`). */
  readonly ip?: Cidr;
}

function inNetworks(networks: readonly NetworkMatch[], ip: Cidr | undefined, clusterNetworks: readonly NetworkMatch[]): boolean {
  // An unknown in-cluster address matches a network only when that network holds a whole cluster network.
  const probes = ip ? [ip] : clusterNetworks.map((n) => n.net);
  return probes.some((p) => networks.some((n) => contains(n.net, p) && !n.except.some((e) => contains(e, p) || (!ip && contains(p, e)))));
}

export function clientMatches(m: ClientMatch, client: Client, clusterNetworks: readonly NetworkMatch[]): boolean {
  if (!inNetworks(m.networks, client.ip, clusterNetworks)) return false;
  const a = m.authentication;
  switch (a.kind) {
    case 'unauthenticated':
      return true;
    case 'tls-unauthenticated':
      return client.identity !== undefined;
    case 'identities': {
      const id = client.identity;
      if (id === undefined) return false;
      return a.exact.has(id) || a.suffixes.some((s) => s === '' || id.endsWith(s));
    }
  }
}
