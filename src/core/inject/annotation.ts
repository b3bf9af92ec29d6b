import { isScalar, type Document, type Node } from 'yaml';
import { effectivePair } from '../yaml/effective';
import { deref, mapAt } from '../yaml/manifest';
import type { InjectValue } from './types';

/** The annotation the proxy injector reads on pods and namespaces. */
export const INJECT_ANNOTATION = 'linkerd.io/inject';

const VALID: readonly string[] = ['enabled', 'disabled', 'ingress'] satisfies InjectValue[];

/** True for the exact, case-sensitive values the injector accepts. */
export function isInjectValue(value: string): value is InjectValue {
  return VALID.includes(value);
}

/**
 * The inject annotation under `host.metadata.annotations` as the API server receives it (the last of duplicate
 * keys, merges applied): undefined when absent, the source text for anything that is not a plain string (a
 * boolean `true`, an empty value, a map) so it can be reported.
 */
export function readInjectAnnotation(doc: Document, host: Node | undefined): string | undefined {
  const annotations = mapAt(doc, host, ['metadata', 'annotations']);
  const pair = annotations && effectivePair(doc, annotations, INJECT_ANNOTATION);
  if (!pair) return undefined;
  const value = deref(doc, pair.value);
  if (isScalar(value)) {
    if (typeof value.value === 'string') return value.value;
    return value.value === null || value.value === undefined ? '' : (value.source ?? String(value.value));
  }
  return value ? String(value) : '';
}
