/** Samples of one series name across simulated proxies' scrapes, with their labels in the order written. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  order: string[];
  value: number;
}

export function samples(texts: string[], name: string): Sample[] {
  const out: Sample[] = [];
  for (const line of texts.join('\n').split('\n')) {
    const m = /^([a-z_]+)\{(.*)\} ([\d.e+-]+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const labels: Record<string, string> = {};
    const order: string[] = [];
    for (const [, k, v] of m[2].matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[k] = v;
      order.push(k);
    }
    out.push({ name, labels, order, value: Number(m[3]) });
  }
  return out;
}

export const sum = (list: Sample[]) => list.reduce((n, s) => n + s.value, 0);
