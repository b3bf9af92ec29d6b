/** IP networks as Linkerd's policy controller parses them: an address, or an address and a prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  /** The address as a big integer, with host bits kept (Linkerd tolerates them). */
  readonly address: bigint;
  readonly prefix: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseV6(s: string): bigint | undefined {
  let text = s;
  const embedded = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (embedded) {
    const n = parseV4(embedded[2]);
    if (n === undefined) return undefined;
    text = `${embedded[1]}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const words = (h: string) => (h === '' ? [] : h.split(':'));
  const head = words(halves[0]);
  const rest = halves.length === 2 ? words(halves[1]) : [];
  const count = head.length + rest.length;
  if (![...head, ...rest].every((w) => /^[0-9a-fA-F]{1,4}$/.test(w))) return undefined;
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  return [...head, ...Array<string>(8 - count).fill('0'), ...rest].reduce((acc, w) => (acc << 16n) | BigInt(parseInt(w, 16)), 0n);
}

export function parseCidr(s: string): Cidr | undefined {
  const [addr, prefixText, extra] = s.split('/');
  if (extra !== undefined) return undefined;
  const family: 4 | 6 = addr.includes(':') ? 6 : 4;
  const address = family === 4 ? parseV4(addr) : parseV6(addr);
  if (address === undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  if (prefixText === undefined) return { family, address, prefix: max };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
  return { family, address, prefix: Number(prefixText) };
}

function bits(c: Cidr): number {
  return c.family === 4 ? 32 : 128;
}

function networkOf(c: Cidr, prefix: number): bigint {
  const shift = BigInt(bits(c) - prefix);
  return (c.address >> shift) << shift;
}

/** Whether `inner` lies inside `outer` (same family, at least as long a prefix, same leading bits). */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && networkOf(outer, outer.prefix) === networkOf(inner, outer.prefix);
}

/** Whether two networks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}
