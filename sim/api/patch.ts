import { clone, isObject } from '../store/types';
import { isSetList, mergeKeyFor } from './mergeKeys';
import { badRequest, ApiError } from './status';

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const result: Record<string, unknown> = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/** RFC 6902 JSON patch. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw badRequest('json patch must be an array of operations');
  let doc = clone(target);
  for (const op of operations as JsonPatchOp[]) {
    switch (op.op) {
      case 'add':
        doc = setAt(doc, pointer(op.path), clone(op.value), true);
        break;
      case 'replace':
        getAt(doc, pointer(op.path));
        doc = setAt(doc, pointer(op.path), clone(op.value), false);
        break;
      case 'remove':
        doc = removeAt(doc, pointer(op.path));
        break;
      case 'move': {
        const value = getAt(doc, pointer(op.from ?? ''));
        doc = setAt(removeAt(doc, pointer(op.from ?? '')), pointer(op.path), value, true);
        break;
      }
      case 'copy':
        doc = setAt(doc, pointer(op.path), clone(getAt(doc, pointer(op.from ?? ''))), true);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, pointer(op.path))) !== JSON.stringify(op.value)) {
          throw new ApiError(422, 'Invalid', `testing value ${op.path} failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

/**
 * Strategic merge patch for the fields the project touches: maps merge recursively, lists with a merge
 * key merge element by element, `$patch: delete|replace` and `$deleteFromPrimitiveList` are honoured,
 * and the ordering hints kubectl sends (`$setElementOrder/...`, `$retainKeys`) are accepted and ignored.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  const result: Record<string, unknown> = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') || key === '$retainKeys' || key === '$patch') continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const current = Array.isArray(result[field]) ? (result[field] as unknown[]) : [];
      result[field] = current.filter((v) => !(value as unknown[]).includes(v));
      continue;
    }
    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(key, result[key], value);
    else if (isObject(value) && value.$patch === 'delete') delete result[key];
    else result[key] = strategicMergePatch(result[key], value);
  }
  return result;
}

function mergeList(field: string, current: unknown, patch: unknown[]): unknown[] {
  const live = Array.isArray(current) ? current : [];
  if (isSetList(field)) return [...new Set([...live, ...patch])];
  const key = mergeKeyFor(field, [...patch, ...live]);
  if (!key) return patch.map((item) => stripDirectives(item));
  if (patch.some((item) => isObject(item) && item.$patch === 'replace')) {
    return patch.filter((item) => !(isObject(item) && item.$patch === 'replace')).map((item) => stripDirectives(item));
  }
  const merged = live.map((item) => clone(item));
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = merged.findIndex((m) => isObject(m) && m[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) merged.splice(index, 1);
    } else if (index >= 0) {
      merged[index] = strategicMergePatch(merged[index], item);
    } else {
      merged.push(stripDirectives(item));
    }
  }
  return merged;
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) result[k] = stripDirectives(v);
  return result;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`invalid JSON pointer: ${path}`);
  return path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: unknown, parts: string[]): unknown {
  let current = doc;
  for (const part of parts) {
    if (Array.isArray(current) && /^\d+$/.test(part) && Number(part) < current.length) current = current[Number(part)];
    else if (isObject(current) && Object.hasOwn(current, part)) current = current[part];
    else throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: missing path ${parts.join('/')}`);
  }
  return current;
}

function setAt(doc: unknown, parts: string[], value: unknown, insert: boolean): unknown {
  if (parts.length === 0) return value;
  const parent = getAt(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index > parent.length) throw new ApiError(422, 'Invalid', `invalid array index ${last}`);
    if (insert) parent.splice(index, 0, value);
    else parent[index] = value;
  } else if (isObject(parent)) {
    parent[last] = value;
  } else {
    throw new ApiError(422, 'Invalid', `cannot set ${parts.join('/')} inside a scalar`);
  }
  return doc;
}

function removeAt(doc: unknown, parts: string[]): unknown {
  const parent = getAt(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1];
  getAt(doc, parts);
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObject(parent)) delete parent[last];
  return doc;
}
