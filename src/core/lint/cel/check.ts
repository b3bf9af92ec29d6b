import type { Json, JsonObject } from '../model/view';

/**
 * Reports a broken rule: the object it is about, the field to point at (undefined: the object), why, and
 * optionally the value that field should have instead (offered as a quick fix).
 */
export type CelReport = (owner: JsonObject, field: string | undefined, message: string, replacement?: string) => void;

/**
 * One `x-kubernetes-validations` (CEL) rule of the Gateway API CRDs that Linkerd bundles
 * (charts/linkerd-crds/templates/gateway.networking.k8s.io_*.yaml), written as code over the object as the
 * API server validates it (defaults applied). The API server rejects an object that breaks one.
 */
export interface CelCheck {
  /** A stable name: the fixtures live in test/fixtures/lint/MA110/<id>/ and the message ends with it. */
  readonly id: string;
  /** Where the rule sits in each kind's schema (`.spec.rules[].filters`), as in the bundled CRDs. */
  readonly at: Readonly<Record<string, readonly string[]>>;
  /** Set when a schema rule (an enum) already reports the same thing; then only reported where schema rules do not run. */
  readonly schemaCovered?: true;
  check(self: Json, report: CelReport): void;
}

export const ROUTES = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute'] as const;

/** The values at a schema path (`.spec.rules[].matches[].path`) of an object. */
export function valuesAt(root: Json, path: string): Json[] {
  let current: Json[] = [root];
  for (const step of path.split(/(?=\.)|(?=\[\])/).filter(Boolean)) {
    const next: Json[] = [];
    for (const v of current) {
      if (step === '[]') {
        if (Array.isArray(v)) next.push(...v);
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const child = v[step.slice(1)];
        if (child !== undefined) next.push(child);
      }
    }
    current = next;
  }
  return current;
}

export function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

/** CEL's `has(self.field)`: present after defaulting and null pruning. */
export function has(o: JsonObject | undefined, field: string): boolean {
  return o !== undefined && o[field] !== undefined;
}

export function objects(v: Json | undefined): JsonObject[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}
