import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Schema } from '../../schema/types';
import { effectiveEntries, effectivePair } from '../../yaml/effective';
import { deref } from '../../yaml/manifest';

/** A JSON value of an object as stored: what validation rules and the admission webhook see. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * An object as the API server has it when it runs CEL rules and calls the admission webhook: the JSON that
 * kubectl sends (the last of duplicate keys, `<<` merges, aliases expanded), with null fields pruned and the
 * CRD schema's defaults applied, so a parentRef written without `group` carries the group its CRD defaults
 * to. Each object and list remembers the YAML node it came from, so findings still point into the file.
 */
export class ObjectView {
  private readonly nodes = new WeakMap<object, Node>();
  private readonly keys = new WeakMap<object, Map<string, Node>>();
  readonly root: JsonObject;

  constructor(
    private readonly doc: Document,
    root: Node,
    schema: Schema,
  ) {
    const value = this.build(root, schema);
    this.root = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  }

  /** The YAML node an object or list of the view was read from; undefined for defaulted values. */
  nodeOf(value: Json | undefined): Node | undefined {
    return value !== null && typeof value === 'object' ? this.nodes.get(value) : undefined;
  }

  /**
   * Where to point for a field of an object: its key when written, else (a defaulted or missing field) the
   * object's first key, or the nearest written ancestor found by the caller.
   */
  at(owner: JsonObject, field?: string): Node | undefined {
    const key = field === undefined ? undefined : this.keys.get(owner)?.get(field);
    if (key) return key;
    const node = this.nodes.get(owner);
    return isMap(node) ? ((node.items[0]?.key as Node | undefined) ?? node) : node;
  }

  /** The YAML value node of a field written in the file (not a defaulted one). */
  valueNode(owner: JsonObject, field: string): Node | undefined {
    const map = this.nodes.get(owner);
    if (!isMap(map) || !this.keys.get(owner)?.has(field)) return undefined;
    return deref(this.doc, effectivePair(this.doc, map, field)?.value);
  }

  private build(raw: unknown, schema: Schema | undefined): Json | undefined {
    const node = deref(this.doc, raw);
    if (isMap(node)) {
      const out: JsonObject = {};
      const keys = new Map<string, Node>();
      for (const [k, pair] of effectiveEntries(this.doc, node)) {
        const sub = schema?.properties?.[k] ?? schema?.additionalProperties;
        const v = this.build(pair.value, sub);
        if (v === undefined || v === null) continue;
        out[k] = v;
        keys.set(k, pair.key);
      }
      this.nodes.set(out, node);
      this.keys.set(out, keys);
      return withDefaults(out, schema);
    }
    if (isSeq(node)) {
      const out = node.items.map((item) => this.build(item, schema?.items) ?? null);
      this.nodes.set(out, node);
      return out;
    }
    if (isScalar(node)) {
      const v = node.value;
      return v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    }
    return undefined;
  }
}

/** Fills the fields a schema defaults (and, inside values just defaulted, theirs), as the API server does. */
function withDefaults(obj: JsonObject, schema: Schema | undefined): JsonObject {
  for (const [k, sub] of Object.entries(schema?.properties ?? {})) {
    if (obj[k] === undefined && sub.default !== undefined) obj[k] = defaulted(structuredClone(sub.default) as Json, sub);
  }
  return obj;
}

function defaulted(value: Json, schema: Schema): Json {
  if (Array.isArray(value)) return value.map((v) => (schema.items ? defaulted(v, schema.items) : v));
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const sub = schema.properties?.[k];
      if (sub) value[k] = defaulted(v, sub);
    }
    return withDefaults(value, schema);
  }
  return value;
}

/** The object at a key of a view object, if it is one. */
export function objectAt(value: Json | undefined, key: string): JsonObject | undefined {
  const v = value !== null && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** The objects of a list at a key of a view object (entries that are not objects are skipped). */
export function objectsAt(value: Json | undefined, key: string): JsonObject[] {
  const v = value !== null && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
  return Array.isArray(v) ? v.filter((x): x is JsonObject => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];
}

/** A string field of a view object. */
export function stringAt(value: JsonObject | undefined, key: string): string | undefined {
  const v = value?.[key];
  return typeof v === 'string' ? v : undefined;
}
