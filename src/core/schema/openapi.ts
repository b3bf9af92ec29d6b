import { findKind, findVersion } from './catalog';
import type { KindDefinition, KindVersion, Schema } from './types';

const OPEN_STATUS: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** The envelope fields every object has; what each says is ours. */
const ENVELOPE_DESCRIPTIONS = {
  apiVersion: 'The versioned schema of this object (group/version); the API server converts objects between the versions it serves.',
  kind: 'The REST resource this object represents, in CamelCase; the API server infers it from the endpoint a client writes to.',
};

function statusOf(v: KindVersion): Schema | undefined {
  if (v.status === undefined || v.status === false) return undefined;
  return v.status === true ? OPEN_STATUS : v.status;
}

function wrap(def: KindDefinition, v: KindVersion, envelope: KindDefinition['envelope']): Schema {
  const declared = envelope !== 'implicit';
  const described = envelope === 'described';
  const properties: Record<string, Schema> = {
    ...(declared
      ? {
          apiVersion: { type: 'string', ...(described ? { description: ENVELOPE_DESCRIPTIONS.apiVersion } : {}) },
          kind: { type: 'string', ...(described ? { description: ENVELOPE_DESCRIPTIONS.kind } : {}) },
          metadata: { type: 'object' },
        }
      : {}),
    spec: v.spec,
  };
  const status = statusOf(v);
  if (status) properties.status = status;
  return {
    ...(def.description ? { description: def.description } : {}),
    type: 'object',
    // An empty `required` list is noise in the rendered CRD (ServiceProfile has no required top-level field).
    ...(def.specRequired ? { required: ['spec'] } : {}),
    properties,
  };
}

/**
 * The schema the lint validates one served version of a kind with: the catalogue's spec (and status) in
 * the object envelope, whose apiVersion, kind and metadata the API server always accepts.
 */
export function schemaToOpenAPI(group: string, kind: string, version: string): Schema {
  const def = findKind(group, kind);
  const v = def && findVersion(def, version);
  if (!def || !v) throw new Error(`no schema for ${kind}.${group}/${version}`);
  return wrap(def, v, def.envelope === 'implicit' ? 'typed' : def.envelope);
}

/** The `spec.versions` list of a CRD for a kind: served, storage, deprecation, printer columns and each schema as the CRD declares it. */
export function crdVersions(def: KindDefinition): object[] {
  return def.versions.map((v) => ({
    name: v.name,
    served: true,
    storage: v.storage,
    ...(v.deprecated ? { deprecated: true, deprecationWarning: `${def.group}/${v.name} ${def.kind} is deprecated; use ${def.group}/${v.deprecated.replacement} ${def.kind}` } : {}),
    ...(v.printerColumns ? { additionalPrinterColumns: v.printerColumns.map((c) => ({ ...c })) } : {}),
    schema: { openAPIV3Schema: wrap(def, v, def.envelope) },
    ...(v.status && !v.statusWithoutSubresource ? { subresources: { status: {} } } : {}),
  }));
}
