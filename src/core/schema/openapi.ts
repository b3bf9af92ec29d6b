import { findKind, findVersion } from './catalog';
import type { KindDefinition, Schema } from './types';

/**
 * The `openAPIV3Schema` of one served version of a kind, as a CRD carries it: the spec schema from the
 * catalogue wrapped in the object envelope. The catalogue is already OpenAPI, so this adds only the envelope.
 */
export function schemaToOpenAPI(group: string, kind: string, version: string): Schema {
  const def = findKind(group, kind);
  const v = def && findVersion(def, version);
  if (!def || !v) throw new Error(`no schema for ${kind}.${group}/${version}`);
  const properties: Record<string, Schema> = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: v.spec,
  };
  if (v.status) properties.status = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  // An empty `required` list is noise in the rendered CRD (ServiceProfile has no required top-level field).
  return def.specRequired ? { type: 'object', required: ['spec'], properties } : { type: 'object', properties };
}

/** The `spec.versions` list of a CRD for a kind: served, storage and deprecation flags plus each schema. */
export function crdVersions(def: KindDefinition): object[] {
  return def.versions.map((v) => ({
    name: v.name,
    served: true,
    storage: v.storage,
    ...(v.deprecated ? { deprecated: true, deprecationWarning: `${def.group}/${v.name} ${def.kind} is deprecated; use ${def.group}/${v.deprecated.replacement} ${def.kind}` } : {}),
    schema: { openAPIV3Schema: schemaToOpenAPI(def.group, def.kind, v.name) },
    ...(v.status ? { subresources: { status: {} } } : {}),
  }));
}
