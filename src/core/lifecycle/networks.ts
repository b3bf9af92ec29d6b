import { contains, parseCidr, type Cidr } from '../lint/checks/cidr';

/** Linkerd's comma-separated clusterNetworks, as networks (unparsable entries are left out). */
export function parseNetworks(text: string): Cidr[] {
  return text
    .split(',')
    .map((s) => parseCidr(s.trim()))
    .filter((c): c is Cidr => c !== undefined);
}

/** Whether an address or a network (`10.244.0.0/24`) lies inside one of the networks, as `linkerd check` tests it. */
export function containsAddress(networks: readonly Cidr[], addressOrNetwork: string): boolean {
  const inner = parseCidr(addressOrNetwork);
  return inner !== undefined && networks.some((n) => contains(n, inner));
}
