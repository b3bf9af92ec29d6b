/** Small readers over Kubernetes JSON objects, for the policy compiler. */
import type { LabelSelector } from '../lint/model/selector';
import type { JsonMap, PolicyObject } from './types';

export const POLICY_GROUP = 'policy.linkerd.io';
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mapAt(v: unknown, key: string): JsonMap | undefined {
  const x = isMap(v) ? v[key] : undefined;
  return isMap(x) ? x : undefined;
}

export function mapsAt(v: unknown, key: string): JsonMap[] {
  const x = isMap(v) ? v[key] : undefined;
  return Array.isArray(x) ? x.filter(isMap) : [];
}

export function strAt(v: unknown, key: string): string | undefined {
  const x = isMap(v) ? v[key] : undefined;
  return typeof x === 'string' ? x : undefined;
}

export function stringsAt(v: unknown, key: string): string[] {
  const x = isMap(v) ? v[key] : undefined;
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
}

export function groupOf(o: PolicyObject): string {
  const slash = o.apiVersion.indexOf('/');
  return slash < 0 ? '' : o.apiVersion.slice(0, slash);
}

/** A JSON label selector in the shape the lint's `selects` evaluates. */
export function selectorOf(v: JsonMap | undefined): LabelSelector | undefined {
  if (!v) return undefined;
  const labels = mapAt(v, 'matchLabels') ?? {};
  const matchLabels = new Map(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const expressions = mapsAt(v, 'matchExpressions').flatMap((e) => {
    const key = strAt(e, 'key');
    const operator = strAt(e, 'operator');
    const values = Array.isArray(e.values) ? e.values.map(String) : undefined;
    return key !== undefined && operator !== undefined ? [{ key, operator, values }] : [];
  });
  return { matchLabels, expressions };
}

/** Whether a reference (`group`, `kind`) names a kind, comparing as Linkerd's `targets_kind` does (ASCII case-insensitive). */
export function refTargets(ref: JsonMap, group: string, kind: string, defaultGroup = ''): boolean {
  const g = (strAt(ref, 'group') ?? defaultGroup).toLowerCase();
  const want = group === '' ? ['', 'core'] : [group.toLowerCase()];
  return want.includes(g) && (strAt(ref, 'kind') ?? '').toLowerCase() === kind.toLowerCase();
}
