import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { effectiveEntries } from '../yaml/effective';
import { deref, pairOf, scalarText } from '../yaml/manifest';
import type { Schema } from './types';
import { plural } from '../text/plural';

export type ProblemCategory = 'required' | 'type' | 'enum' | 'range' | 'pattern' | 'oneOf' | 'unknown' | 'duplicate';

/** A place where a YAML value breaks its schema, with offsets of the node to underline. */
export interface SchemaProblem {
  readonly category: ProblemCategory;
  readonly path: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** For unknown fields: the field names the schema allows there (for "did you mean"); for enums: the values. */
  readonly allowed?: readonly string[];
  /** For type problems: the node, so a fix can quote or unquote it, and the type the schema wants. */
  readonly node?: Node;
  readonly expected?: NonNullable<Schema['type']> | 'int-or-string';
}

const patterns = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(pattern);
    patterns.set(pattern, re);
  }
  return re;
}

function span(node: Node | null | undefined, fallback: readonly [number, number]): [number, number] {
  const r = node?.range;
  return r ? [r[0], Math.max(r[1], r[0] + 1)] : [fallback[0], fallback[1]];
}

function isNull(node: Node | undefined): boolean {
  return node === undefined || (isScalar(node) && node.value === null);
}

function typeName(node: Node): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
    if (typeof v === 'boolean') return 'a boolean';
    return 'a string';
  }
  return 'an unsupported value';
}

const expected: Record<NonNullable<Schema['type']>, string> = {
  object: 'a map',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true or false)',
};

/**
 * Checks one YAML node against a schema the way the API server's structural validation does, collecting
 * every problem rather than stopping at the first. `keyRange` is where to point when a required field is missing.
 */
export function validateNode(doc: Document, node: Node | null | undefined, schema: Schema, path: string, keyRange: readonly [number, number]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  visit(doc, node, schema, path, keyRange, out);
  return out;
}

function visit(doc: Document, raw: Node | null | undefined, schema: Schema, path: string, keyRange: readonly [number, number], out: SchemaProblem[]): void {
  const node = deref(doc, raw);
  if (!node || isNull(node)) return;
  const [start, end] = span(node, keyRange);
  const push = (category: ProblemCategory, message: string, at: readonly [number, number] = [start, end], extra: Partial<SchemaProblem> = {}): void => {
    out.push({ category, path, message, start: at[0], end: at[1], ...extra });
  };

  if (schema['x-kubernetes-int-or-string']) {
    const ok = isScalar(node) && (typeof node.value === 'string' || (typeof node.value === 'number' && Number.isInteger(node.value)));
    if (!ok) push('type', `${path} must be an integer or a string, not ${typeName(node)}.`, [start, end], { node, expected: 'int-or-string' });
    // As in the API server, a pattern constrains only the string form (a ServiceProfile weight such as '500m').
    else if (schema.pattern && typeof node.value === 'string' && !compiled(schema.pattern).test(node.value)) push('pattern', `${path} '${node.value}' does not match the pattern ${schema.pattern}.`);
    return;
  }
  switch (schema.type) {
    case 'object':
      return visitObject(doc, node, schema, path, [start, end], keyRange, push, out);
    case 'array':
      if (!isSeq(node)) return push('type', `${path} must be ${expected.array}, not ${typeName(node)}.`, [start, end], { node, expected: 'array' });
      if (schema.minItems !== undefined && node.items.length < schema.minItems) push('range', `${path} needs at least ${plural(schema.minItems, 'item')}; it has ${node.items.length}.`);
      if (schema.maxItems !== undefined && node.items.length > schema.maxItems) push('range', `${path} allows at most ${plural(schema.maxItems, 'item')}; it has ${node.items.length}.`);
      if (schema.items) {
        node.items.forEach((item, i) => {
          const at = itemAnchor(doc, item as Node, [start, end]);
          // Nulls are pruned from maps but not from lists: a null item is checked against the item type and fails.
          if (isNull(deref(doc, item as Node)) && schema.items!.type && !schema.items!['x-kubernetes-int-or-string']) out.push({ category: 'type', path: `${path}[${i}]`, message: `${path}[${i}] is empty (null); it must be ${expected[schema.items!.type]}.`, start: at[0], end: at[1] });
          else visit(doc, item as Node, schema.items!, `${path}[${i}]`, at, out);
        });
      }
      if (schema['x-kubernetes-list-type'] === 'map' || schema['x-kubernetes-list-type'] === 'set') duplicates(doc, node.items as Node[], schema, path, push);
      return;
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return visitScalar(node, schema, schema.type, path, push);
    default:
      return;
  }
}

/** Where to point for a list item: its first key when it is a map (the item itself may span many lines). */
function itemAnchor(doc: Document, item: Node, fallback: readonly [number, number]): [number, number] {
  const node = deref(doc, item);
  const first = isMap(node) ? (node.items[0]?.key as Node | undefined) : undefined;
  return span(first ?? node, fallback);
}

/**
 * A list the API server keeps unique (`x-kubernetes-list-type: set`, or `map` by its key fields) rejects a
 * second item with the same value or keys ("Duplicate value"); the second one is reported.
 */
function duplicates(doc: Document, items: readonly Node[], schema: Schema, path: string, push: Push): void {
  const keys = schema['x-kubernetes-list-map-keys'];
  const seen = new Map<string, number>();
  items.forEach((raw, i) => {
    const item = deref(doc, raw);
    let identity: string | undefined;
    if (schema['x-kubernetes-list-type'] === 'set') identity = isScalar(item) ? JSON.stringify(item.value) : undefined;
    else if (isMap(item) && keys) {
      const entries = effectiveEntries(doc, item);
      identity = JSON.stringify(keys.map((k) => scalarText(deref(doc, entries.get(k)?.value)) ?? null));
    }
    if (identity === undefined) return;
    const first = seen.get(identity);
    if (first === undefined) return void seen.set(identity, i);
    const what = keys && schema['x-kubernetes-list-type'] === 'map' ? `the same ${keys.join(' and ')} as` : 'the same value as';
    push('duplicate', `${path}[${i}] has ${what} ${path}[${first}]; the API server rejects duplicates in this list ("Duplicate value"). Merge or remove one.`, itemAnchor(doc, item ?? raw, [0, 0]));
  });
}

type Push = (category: ProblemCategory, message: string, at?: readonly [number, number], extra?: Partial<SchemaProblem>) => void;

function visitObject(doc: Document, node: Node, schema: Schema, path: string, at: readonly [number, number], keyRange: readonly [number, number], push: Push, out: SchemaProblem[]): void {
  if (!isMap(node)) return push('type', `${path} must be ${expected.object}, not ${typeName(node)}.`, at, { node, expected: 'object' });
  const props = schema.properties ?? {};
  const present = new Set<string>();
  // What the API server receives: the last of duplicate keys, `<<` merges applied.
  for (const [key, pair] of effectiveEntries(doc, node)) {
    const keyNode = pair.key as Node | null;
    const value = deref(doc, pair.value as Node | null);
    if (!isNull(value)) present.add(key);
    const keyAt = span(keyNode, at);
    const sub = props[key] ?? schema.additionalProperties;
    if (sub) visit(doc, value, sub, `${path}.${key}`, keyAt, out);
    else if (!schema['x-kubernetes-preserve-unknown-fields'] && schema.properties) {
      push('unknown', `${path}.${key} is not a field of this schema: the API server drops it silently, so it has no effect.`, keyAt, { allowed: Object.keys(props) });
    }
  }
  const keyOf = (name: string) => span(pairOf(node, name)?.key as Node | undefined, at);
  // A missing field is reported on the key that holds this map: the map itself may span many lines.
  const pointAt = keyRange;
  for (const name of schema.required ?? []) {
    if (!present.has(name)) push('required', `${path} is missing the required field '${name}'.`, pointAt);
  }
  if (schema.oneOf) {
    const branches = schema.oneOf.map((b) => b.required.join('+'));
    const holding = schema.oneOf.filter((b) => b.required.every((f) => present.has(f)));
    if (holding.length === 0) push('oneOf', `${path} must set exactly one of ${branches.join(', ')}; it sets none.`, pointAt);
    else if (holding.length > 1) push('oneOf', `${path} must set exactly one of ${branches.join(', ')}, not several.`, keyOf(holding[1].required[0]));
  }
}

function visitScalar(node: Node, schema: Schema, type: 'string' | 'integer' | 'number' | 'boolean', path: string, push: Push): void {
  if (!isScalar(node)) return push('type', `${path} must be ${expected[type]}, not ${typeName(node)}.`, undefined, { node, expected: type });
  const v = node.value;
  const ok =
    type === 'string' ? typeof v === 'string' : type === 'boolean' ? typeof v === 'boolean' : typeof v === 'number' && (type === 'number' || Number.isInteger(v));
  if (!ok) return push('type', `${path} must be ${expected[type]}, not ${typeName(node)}${typeof v === 'string' && type !== 'string' ? ' (remove the quotes)' : ''}.`, undefined, { node, expected: type });
  if (schema.enum && !schema.enum.includes(v as string | number)) {
    return push('enum', `${path} is '${String(v)}'; allowed values are ${schema.enum.map((e) => `'${e}'`).join(', ')}.`, undefined, { allowed: schema.enum.map(String) });
  }
  if (typeof v === 'string') {
    if (schema.minLength !== undefined && v.length < schema.minLength) push('range', `${path} must be at least ${plural(schema.minLength, 'character')} long.`);
    if (schema.maxLength !== undefined && v.length > schema.maxLength) push('range', `${path} must be at most ${schema.maxLength} characters long; it has ${v.length}.`);
    if (schema.pattern && !compiled(schema.pattern).test(v)) push('pattern', `${path} '${v}' does not match the pattern ${schema.pattern}.`);
  } else if (typeof v === 'number') {
    if (schema.format === 'int32' && (v < -(2 ** 31) || v > 2 ** 31 - 1)) push('range', `${path} is ${v}, which does not fit a 32-bit integer.`);
    if (schema.minimum !== undefined && v < schema.minimum) push('range', `${path} is ${v}; the minimum is ${schema.minimum}.`);
    if (schema.maximum !== undefined && v > schema.maximum) push('range', `${path} is ${v}; the maximum is ${schema.maximum}.`);
  }
}
