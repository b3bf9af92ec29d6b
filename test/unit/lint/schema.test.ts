import assert from 'node:assert/strict';
import { KINDS, storageVersion } from '../../../src/core/schema/catalog';
import { crdVersions, schemaToOpenAPI } from '../../../src/core/schema/openapi';
import type { Schema } from '../../../src/core/schema/types';

/** Every property schema in a tree, with its path, to check structural-schema rules over all of them. */
function* walk(schema: Schema, path: string): Generator<[string, Schema]> {
  yield [path, schema];
  for (const [k, v] of Object.entries(schema.properties ?? {})) yield* walk(v, `${path}.${k}`);
  if (schema.items) yield* walk(schema.items, `${path}[]`);
  if (schema.additionalProperties) yield* walk(schema.additionalProperties, `${path}{}`);
}

describe('schema catalogue', () => {
  it('has exactly one storage version per kind and every deprecation points at a served version', () => {
    for (const k of KINDS) {
      assert.equal(k.versions.filter((v) => v.storage).length, 1, `${k.kind}.${k.group}`);
      for (const v of k.versions) if (v.deprecated) assert.ok(k.versions.some((x) => x.name === v.deprecated!.replacement), `${k.kind} ${v.name}`);
    }
  });

  it('serves the versions Linkerd 2.20 serves, with the documented deprecations', () => {
    const server = KINDS.find((k) => k.kind === 'Server')!;
    assert.deepEqual(server.versions.map((v) => `${v.name}${v.deprecated ? '(d)' : ''}${v.storage ? '*' : ''}`), ['v1alpha1(d)', 'v1beta1(d)', 'v1beta2', 'v1beta3*']);
    assert.equal(storageVersion(KINDS.find((k) => k.kind === 'HTTPRoute' && k.group === 'policy.linkerd.io')!).name, 'v1beta3');
  });

  it('schemaToOpenAPI wraps the spec schema in a structural object envelope', () => {
    const s = schemaToOpenAPI('policy.linkerd.io', 'Server', 'v1beta3');
    assert.equal(s.type, 'object');
    assert.deepEqual(s.required, ['spec']);
    assert.ok(s.properties!.spec.properties!.accessPolicy);
    assert.equal(schemaToOpenAPI('policy.linkerd.io', 'Server', 'v1beta1').properties!.spec.properties!.accessPolicy, undefined);
    assert.throws(() => schemaToOpenAPI('policy.linkerd.io', 'Server', 'v9'), /no schema/);
  });

  it('every generated schema is structural: each node has a type (or int-or-string), and oneOf only names declared fields', () => {
    for (const k of KINDS) {
      for (const v of crdVersions(k) as { name: string; schema: { openAPIV3Schema: Schema } }[]) {
        for (const [path, node] of walk(v.schema.openAPIV3Schema, `${k.kind}/${v.name}`)) {
          assert.ok(node.type || node['x-kubernetes-int-or-string'], `${path} has no type`);
          for (const branch of node.oneOf ?? []) for (const f of branch.required) assert.ok(node.properties?.[f], `${path} oneOf names ${f}`);
          // Some upstream CRDs list `required` on an array (which the API server ignores); on objects it must name fields.
          if (node.type !== 'array') for (const f of node.required ?? []) assert.ok(node.properties?.[f], `${path} requires undeclared ${f}`);
          if (node.pattern) assert.doesNotThrow(() => new RegExp(node.pattern!), path);
        }
      }
    }
  });
});
