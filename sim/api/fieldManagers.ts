import { clone, isObject, type JsonObject, type KubeObject } from '../store/types';
import { isSetList, mergeKeyFor } from './mergeKeys';
import { ApiError } from './status';

/**
 * Field ownership for server-side apply. A field path is a list of fieldsV1 segments (`f:spec`,
 * `k:{"name":"web"}`, `v:"x"`, and `.` for a list element itself), kept as its JSON text in sets.
 */
type FieldSet = Set<string>;

interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  fields: FieldSet;
}

const UNTRACKED_METADATA = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'deletionTimestamp', 'selfLink', 'generateName']);

export function fieldsOf(object: unknown): FieldSet {
  const set: FieldSet = new Set();
  if (!isObject(object)) return set;
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'status') continue;
    if (key === 'metadata' && isObject(value)) {
      for (const [mk, mv] of Object.entries(value)) if (!UNTRACKED_METADATA.has(mk)) collect(mv, ['f:metadata', `f:${mk}`], mk, set);
    } else {
      collect(value, [`f:${key}`], key, set);
    }
  }
  return set;
}

function collect(value: unknown, path: string[], field: string, into: FieldSet): void {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) collect(v, [...path, `f:${k}`], k, into);
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    if (isSetList(field)) {
      for (const item of value) into.add(JSON.stringify([...path, `v:${JSON.stringify(item)}`]));
      return;
    }
    const key = mergeKeyFor(field, value);
    if (key && value.every((item) => isObject(item) && item[key] !== undefined)) {
      for (const item of value as Record<string, unknown>[]) {
        const itemPath = [...path, `k:${JSON.stringify({ [key]: item[key] })}`];
        into.add(JSON.stringify([...itemPath, '.']));
        for (const [k, v] of Object.entries(item)) collect(v, [...itemPath, `f:${k}`], k, into);
      }
      return;
    }
  }
  into.add(JSON.stringify(path));
}

/** The value a field path designates, as JSON text (undefined when absent), for ownership comparisons. */
function valueAt(object: unknown, path: string[]): string | undefined {
  let current: unknown = object;
  for (const segment of path) {
    if (segment === '.') return current === undefined ? undefined : 'present';
    if (segment.startsWith('f:')) current = isObject(current) ? current[segment.slice(2)] : undefined;
    else if (segment.startsWith('k:')) current = findKeyed(current, segment);
    else if (segment.startsWith('v:')) return Array.isArray(current) && current.some((v) => JSON.stringify(v) === segment.slice(2)) ? 'present' : undefined;
    if (current === undefined) return undefined;
  }
  return JSON.stringify(current);
}

function findKeyed(list: unknown, segment: string): unknown {
  if (!Array.isArray(list)) return undefined;
  const key = JSON.parse(segment.slice(2)) as Record<string, unknown>;
  return list.find((item) => isObject(item) && Object.entries(key).every(([k, v]) => item[k] === v));
}

function removeAt(object: unknown, path: string[]): void {
  const effective = path[path.length - 1] === '.' ? path.slice(0, -1) : path;
  let parent: unknown = object;
  for (const segment of effective.slice(0, -1)) {
    parent = segment.startsWith('k:') ? findKeyed(parent, segment) : isObject(parent) ? parent[segment.slice(2)] : undefined;
    if (parent === undefined) return;
  }
  const last = effective[effective.length - 1];
  if (last.startsWith('f:') && isObject(parent)) delete parent[last.slice(2)];
  else if ((last.startsWith('k:') || last.startsWith('v:')) && Array.isArray(parent)) {
    const index = last.startsWith('k:')
      ? parent.indexOf(findKeyed(parent, last))
      : parent.findIndex((v) => JSON.stringify(v) === last.slice(2));
    if (index >= 0) parent.splice(index, 1);
  }
}

/** Merges an applied configuration into the live object: maps and keyed lists merge, the rest is replaced. */
function applyMerge(live: unknown, config: unknown, field = ''): unknown {
  if (isObject(config)) {
    const result: Record<string, unknown> = isObject(live) ? clone(live) : {};
    for (const [k, v] of Object.entries(config)) result[k] = applyMerge(result[k], v, k);
    return result;
  }
  if (Array.isArray(config) && Array.isArray(live)) {
    if (isSetList(field)) return [...new Set([...live, ...config])];
    const key = mergeKeyFor(field, config);
    if (key) {
      const merged = live.map((item) => clone(item));
      for (const item of config) {
        const index = merged.findIndex((m) => isObject(m) && isObject(item) && m[key] === item[key]);
        if (index >= 0) merged[index] = applyMerge(merged[index], item);
        else merged.push(clone(item));
      }
      return merged;
    }
  }
  return clone(config);
}

export function readManagers(object: KubeObject | undefined): ManagerEntry[] {
  return (object?.metadata.managedFields ?? []).map((entry) => ({
    manager: String(entry.manager),
    operation: entry.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: String(entry.apiVersion),
    fields: treeToSet(entry.fieldsV1 as JsonObject),
  }));
}

export function writeManagers(object: KubeObject, managers: ManagerEntry[]): void {
  const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  object.metadata.managedFields = managers
    .filter((m) => m.fields.size > 0)
    .map((m) => ({ manager: m.manager, operation: m.operation, apiVersion: m.apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: setToTree(m.fields) }));
}

/** Records that `manager` changed fields through a create, update or non-apply patch. */
export function recordUpdate(previous: KubeObject | undefined, next: KubeObject, manager: string, apiVersion: string): void {
  const nextFields = fieldsOf(next);
  const changed = [...nextFields].filter((p) => valueAt(previous, JSON.parse(p) as string[]) !== valueAt(next, JSON.parse(p) as string[]));
  const managers = readManagers(previous).map((m) => ({
    ...m,
    fields: new Set([...m.fields].filter((p) => nextFields.has(p) && (isSelf(m, manager, 'Update') || !changed.includes(p)))),
  }));
  let own = managers.find((m) => isSelf(m, manager, 'Update'));
  if (!own && changed.length > 0) managers.push((own = { manager, operation: 'Update', apiVersion, fields: new Set() }));
  for (const p of changed) own?.fields.add(p);
  writeManagers(next, managers);
}

/**
 * Server-side apply of `config` by `manager` onto `live` (undefined when creating). Throws a 409 listing
 * the conflicting fields unless `force`, in which case those fields change owner.
 */
export function serverSideApply(live: KubeObject | undefined, config: KubeObject, manager: string, force: boolean): KubeObject {
  const applied = fieldsOf(config);
  const apiVersion = String(config.apiVersion ?? live?.apiVersion ?? '');
  const managers = readManagers(live);
  const conflicts: { manager: string; apiVersion: string; path: string[] }[] = [];
  for (const other of managers) {
    if (isSelf(other, manager, 'Apply')) continue;
    for (const p of applied) {
      if (!other.fields.has(p)) continue;
      const path = JSON.parse(p) as string[];
      if (valueAt(live, path) !== valueAt(config, path)) conflicts.push({ manager: other.manager, apiVersion: other.apiVersion, path });
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  for (const c of conflicts) {
    for (const m of managers) if (m.manager === c.manager) m.fields.delete(JSON.stringify(c.path));
  }

  const previous = managers.find((m) => isSelf(m, manager, 'Apply'));
  const result = clone(live ?? { metadata: {} }) as KubeObject;
  for (const p of previous?.fields ?? []) {
    if (applied.has(p)) continue;
    const ownedElsewhere = managers.some((m) => m !== previous && [...m.fields].some((q) => q === p || q.startsWith(p.slice(0, -1) + ',')));
    if (!ownedElsewhere) removeAt(result, JSON.parse(p) as string[]);
  }
  const merged = applyMerge(result, config) as KubeObject;
  const others = managers.filter((m) => m !== previous);
  writeManagers(merged, [...others, { manager, operation: 'Apply', apiVersion, fields: applied }]);
  return merged;
}

function isSelf(entry: ManagerEntry, manager: string, operation: ManagerEntry['operation']): boolean {
  return entry.manager === manager && entry.operation === operation;
}

function conflictError(conflicts: { manager: string; apiVersion: string; path: string[] }[]): ApiError {
  const describe = (path: string[]) =>
    path
      .filter((s) => s !== '.')
      .map((s) => (s.startsWith('f:') ? `.${s.slice(2)}` : s.startsWith('k:') ? `[${Object.entries(JSON.parse(s.slice(2)) as object).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]` : `[${s.slice(2)}]`))
      .join('');
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const label = `conflict with "${c.manager}" using ${c.apiVersion}`;
    byManager.set(label, [...(byManager.get(label) ?? []), describe(c.path)]);
  }
  const parts = [...byManager].map(([label, fields]) => (fields.length === 1 ? `${label}: ${fields[0]}` : `${label.replace('conflict', 'conflicts')}:\n${fields.map((f) => `- ${f}`).join('\n')}`));
  const count = conflicts.length;
  return new ApiError(409, 'Conflict', `Apply failed with ${count} conflict${count === 1 ? '' : 's'}: ${parts.join('\n')}`, {
    causes: conflicts.map((c) => ({ type: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${c.apiVersion}`, field: describe(c.path) })),
  });
}

function setToTree(fields: FieldSet): JsonObject {
  const root: JsonObject = {};
  for (const p of fields) {
    let node = root;
    for (const segment of JSON.parse(p) as string[]) node = (node[segment] ??= {}) as JsonObject;
  }
  return root;
}

function treeToSet(tree: JsonObject | undefined, prefix: string[] = [], into: FieldSet = new Set()): FieldSet {
  for (const [segment, child] of Object.entries(tree ?? {})) {
    const path = [...prefix, segment];
    if (isObject(child) && Object.keys(child).length > 0) treeToSet(child as JsonObject, path, into);
    else into.add(JSON.stringify(path));
  }
  return into;
}
