import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The CRDs `linkerd install --crds --set installGatewayAPI=true` renders for Linkerd 2.20
 * (/work/shared/reference on the build machines; absent in a fresh clone, where the tests that need it skip).
 * Looked up from the repository upwards, so any checkout beside a `shared/reference` folder finds it.
 */
export function referenceCrds(): Record<string, unknown>[] | undefined {
  for (let dir = join(__dirname, '../../..'); ; dir = dirname(dir)) {
    const path = join(dir, 'shared/reference/linkerd-2.20-manifests/install_crds_with_gateway_api.golden.yaml');
    if (existsSync(path)) return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as Record<string, unknown>).filter((d) => d?.kind === 'CustomResourceDefinition');
    if (dirname(dir) === dir) return undefined;
  }
}

interface CrdSchema {
  properties?: Record<string, CrdSchema>;
  items?: CrdSchema;
  'x-kubernetes-validations'?: { rule: string; message: string }[];
}

/** Every node of every served version's schema, with its path (`.spec.rules[].filters`), per CRD kind. */
export function* schemaNodes(crds: Record<string, unknown>[]): Generator<{ kind: string; group: string; version: string; path: string; node: CrdSchema }> {
  for (const crd of crds) {
    const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: CrdSchema } }[] };
    for (const v of spec.versions) {
      const walk = function* (node: CrdSchema, path: string): Generator<{ kind: string; group: string; version: string; path: string; node: CrdSchema }> {
        yield { kind: spec.names.kind, group: spec.group, version: v.name, path, node };
        for (const [k, child] of Object.entries(node.properties ?? {})) yield* walk(child, `${path}.${k}`);
        if (node.items) yield* walk(node.items, `${path}[]`);
      };
      yield* walk(v.schema.openAPIV3Schema, '');
    }
  }
}
