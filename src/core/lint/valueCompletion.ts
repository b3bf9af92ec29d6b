import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { findKind, findVersion, splitApiVersion } from '../schema/catalog';
import { schemaToOpenAPI } from '../schema/openapi';
import type { Schema } from '../schema/types';
import { scalarText, type ParsedManifest } from '../yaml/manifest';
import { acceptedValues } from './accepted';

/** One value to offer, with what the schema says about the field. */
export interface ValueChoice {
  readonly value: string;
  readonly isDefault: boolean;
}

/** The values a field accepts, and the span of the value being typed (empty when nothing is typed yet). */
export interface ValueCompletion {
  readonly start: number;
  readonly end: number;
  readonly field: string;
  readonly description: string | undefined;
  readonly choices: readonly ValueChoice[];
}

/**
 * The values the field under the cursor accepts, when it has a fixed set: the `enum` of the catalogue's
 * schema (the one the lint validates with), or the values Linkerd's webhook accepts (accepted.ts).
 */
export function valueCompletionAt(file: ParsedManifest, offset: number): ValueCompletion | undefined {
  const document = [...file.documents].reverse().find((d) => d.doc.range[0] <= offset);
  const root = document?.doc.contents;
  if (!document || !isMap(root) || document.apiVersion === undefined || document.kind === undefined) return undefined;
  const { group, version } = splitApiVersion(document.apiVersion);
  const definition = findKind(group, document.kind);
  if (!definition || !findVersion(definition, version)) return undefined;
  const spot = locate(root, schemaToOpenAPI(group, document.kind, version), [], offset);
  if (!spot) return undefined;
  const path = spot.path.join('.').replace(/\.\[\]/g, '[]');
  const sibling = (field: string) => scalarText(spot.map.items.find((p) => scalarText(p.key) === field)?.value);
  const values = spot.schema.enum?.map(String) ?? acceptedValues(group, document.kind, path, sibling);
  if (!values?.length) return undefined;
  const choices = values.map((value) => ({ value, isDefault: spot.schema.default !== undefined && String(spot.schema.default) === value }));
  return { start: spot.start, end: spot.end, field: path, description: spot.schema.description, choices };
}

interface Spot {
  readonly schema: Schema;
  readonly path: readonly string[];
  /** The map holding the field, for its siblings. */
  readonly map: YAMLMap;
  readonly start: number;
  readonly end: number;
}

function locate(node: Node, schema: Schema, path: readonly string[], offset: number): Spot | undefined {
  if (isSeq(node)) {
    const item = node.items.find((i) => within(i as Node, offset, 2));
    return item && schema.items ? locate(item as Node, schema.items, [...path, '[]'], offset) : undefined;
  }
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const key = scalarText(pair.key);
    const value = pair.value as Node | null;
    if (key === undefined || !value || !within(value, offset, isScalar(value) ? 1 : 2)) continue;
    const sub = schema.properties?.[key] ?? schema.additionalProperties;
    if (!sub) return undefined;
    if (!isScalar(value)) return locate(value, sub, [...path, key], offset);
    // A key with nothing after it yet is a null scalar placed at the cursor: the value is inserted there.
    const [start, end] = value.value === null && value.range![0] === value.range![1] ? [offset, offset] : [value.range![0], value.range![1]];
    return { schema: sub, path: [...path, key], map: node, start, end };
  }
  return undefined;
}

function within(node: Node, offset: number, end: 1 | 2): boolean {
  const r = node.range;
  return !!r && r[0] <= offset && offset <= r[end];
}
