import { isObject } from '../store/types';

/**
 * Lists that Kubernetes merges element-wise (patchMergeKey / listMapKeys) for the fields the project
 * touches; every other list is atomic. Ports need their items to tell container ports from service ports.
 */
const KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
};

/** Primitive lists merged as sets. */
const SET_LISTS = new Set(['finalizers']);

export function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') {
    const sample = items.find(isObject);
    if (sample && 'containerPort' in sample) return 'containerPort';
    return 'port';
  }
  return KEYS[field];
}

export function isSetList(field: string): boolean {
  return SET_LISTS.has(field);
}
