/** One entry of a comma-separated port list annotation, classified. */
export type PortEntry =
  | { readonly kind: 'port'; readonly text: string }
  | { readonly kind: 'range'; readonly text: string }
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'invalid'; readonly text: string; readonly reason: string };

const isPort = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;

export function portEntries(value: string): PortEntry[] {
  return value
    .split(',')
    .map((raw) => raw.trim())
    .filter((text) => text !== '')
    .map((text): PortEntry => {
      if (/^\d+$/.test(text)) return isPort(Number(text)) ? { kind: 'port', text } : { kind: 'invalid', text, reason: 'ports run from 1 to 65535' };
      const range = /^(\d+)-(\d+)$/.exec(text);
      if (range) {
        const [a, b] = [Number(range[1]), Number(range[2])];
        if (!isPort(a) || !isPort(b)) return { kind: 'invalid', text, reason: 'ports run from 1 to 65535' };
        return a <= b ? { kind: 'range', text } : { kind: 'invalid', text, reason: 'a range must not decrease' };
      }
      return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text) && /[a-z]/.test(text) && text.length <= 15
        ? { kind: 'name', text }
        : { kind: 'invalid', text, reason: 'not a port, a range a-b, or a port name' };
    });
}

/** The port numbers a port-list value selects: numbers, ranges, and names resolved through `names` when given. */
export function portSet(value: string, names: (name: string) => number | undefined = () => undefined): Set<number> {
  const out = new Set<number>();
  for (const e of portEntries(value)) {
    if (e.kind === 'port') out.add(Number(e.text));
    else if (e.kind === 'range') {
      const [a, b] = e.text.split('-').map(Number);
      for (let p = a; p <= b; p++) out.add(p);
    } else if (e.kind === 'name') {
      const n = names(e.text);
      if (n !== undefined) out.add(n);
    }
  }
  return out;
}
