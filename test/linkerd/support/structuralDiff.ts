/** One place where two objects differ: a readable path and both values. */
export interface Difference {
  readonly path: string;
  readonly ours: unknown;
  readonly reference: unknown;
}

/** Lists Kubernetes treats as sets (RBAC and admission rules), compared without regard to order. */
const SET_LIKE = new Set(['resources', 'verbs', 'apiGroups', 'apiVersions', 'operations']);

/** The same data as the API server would see it: nulls are absent fields and set-like lists are sorted. */
export function normalize(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v));
    return SET_LIKE.has(key) && items.every((i) => typeof i === 'string') ? [...(items as string[])].sort() : items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) out[k] = normalize(v, k);
    }
    return out;
  }
  return value;
}

function label(item: unknown, index: number): string {
  const name = item && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? `[${name}]` : `[${index}]`;
}

/** Every leaf-level difference between two normalized values; list items are named by their `name`. */
export function differences(ours: unknown, reference: unknown, path = ''): Difference[] {
  if (Array.isArray(ours) && Array.isArray(reference)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(ours.length, reference.length); i++) {
      const a = ours[i];
      const b = reference[i];
      const nameA = label(a, i);
      const step = nameA === label(b, i) ? nameA : `[${i}]`;
      out.push(...differences(a, b, `${path}${step}`));
    }
    return out;
  }
  if (isRecord(ours) && isRecord(reference)) {
    const keys = [...new Set([...Object.keys(ours), ...Object.keys(reference)])].sort();
    return keys.flatMap((k) => differences(ours[k], reference[k], path ? `${path}.${k}` : k));
  }
  return ours === reference ? [] : [{ path, ours, reference }];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
