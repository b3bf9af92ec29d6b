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
  /** Only on int-or-string nodes, as Kubernetes' generated schemas spell the two types out. */
  readonly anyOf?: readonly { readonly type: 'integer' | 'string' }[];
  readonly 'x-kubernetes-int-or-string'?: true;
  readonly 'x-kubernetes-preserve-unknown-fields'?: true;
  /** A list whose items the API server keeps unique: `set` by value, `map` by the fields in list-map-keys. */
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  /** CEL rules the API server evaluates on this node (`self`); the lint implements them in lint/cel. */
  readonly 'x-kubernetes-validations'?: readonly CelRule[];
}

/** One `x-kubernetes-validations` entry: the rule as the CRD carries it, and our message for when it fails. */
export interface CelRule {
  readonly rule: string;
  readonly message: string;
}

/** A column `kubectl get` prints for a kind. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'date';
  readonly jsonPath: string;
  readonly format?: 'int32' | 'int64';
  readonly description?: string;
  readonly priority?: number;
}

/** One served version of a kind. */
export interface KindVersion {
  readonly name: string;
  readonly storage: boolean;
  /** Set when the API server warns on use; `replacement` is the version to move to. */
  readonly deprecated?: { readonly replacement: string; readonly mechanical: boolean };
  /** The schema of `spec`. */
  readonly spec: Schema;
  /**
   * Whether the version has a status subresource; a schema when the CRD declares the status it holds (else
   * it is kept open).
   */
  readonly status?: boolean | Schema;
  /** Whether the CRD declares the status property even without a status subresource. */
  readonly statusWithoutSubresource?: true;
  /** Columns `kubectl get` shows. */
  readonly printerColumns?: readonly PrinterColumn[];
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
  /** What the kind is, as the CRD's top-level schema describes it. */
  readonly description?: string;
  /** `kubectl get <category>` groups (e.g. `policy`). */
  readonly categories?: readonly string[];
  /** Whether the CRD spells out its list kind (`<Kind>List`); the API server derives it either way. */
  readonly listKind?: true;
  /**
   * How the CRD's schema declares the object envelope: not at all (the API server implies apiVersion, kind and
   * metadata), as plain typed fields, or typed and described. The lint always knows them.
   */
  readonly envelope: 'implicit' | 'typed' | 'described';
  /** Annotations the CRD object carries (the Gateway API bundle's version and channel). */
  readonly annotations?: Readonly<Record<string, string>>;
}
