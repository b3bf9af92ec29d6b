/**
 * The subset of OpenAPI v3 that Kubernetes structural CRD schemas use. Schemas are written in this form
 * directly, so the same data drives the lint and the CRDs' `openAPIV3Schema` (see openapi.ts).
 */
export interface Schema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly description?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  /** Values of a map whose keys are free (such as `matchLabels`). */
  readonly additionalProperties?: Schema;
  readonly items?: Schema;
  readonly enum?: readonly (string | number)[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly default?: unknown;
  /** As in CRDs: each branch lists required fields, and exactly one branch must hold. */
  readonly oneOf?: readonly { readonly required: readonly string[] }[];
  readonly 'x-kubernetes-int-or-string'?: true;
  readonly 'x-kubernetes-preserve-unknown-fields'?: true;
  /** A list whose items the API server keeps unique: `set` by value, `map` by the fields in list-map-keys. */
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
}

/** One served version of a kind. */
export interface KindVersion {
  readonly name: string;
  readonly storage: boolean;
  /** Set when the API server warns on use; `replacement` is the version to move to. */
  readonly deprecated?: { readonly replacement: string; readonly mechanical: boolean };
  /** The schema of `spec`. */
  readonly spec: Schema;
  /** Whether the version has a status subresource. */
  readonly status?: boolean;
}

/** A custom resource kind that Linkerd serves or reads, with every version it serves. */
export interface KindDefinition {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly shortNames?: readonly string[];
  readonly versions: readonly KindVersion[];
  /** Whether `spec` is required at the top level. */
  readonly specRequired: boolean;
}
