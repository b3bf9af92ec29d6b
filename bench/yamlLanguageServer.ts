// The same catalogue schemas as JSON Schema for yaml-language-server, so the benchmark compares like with like:
// one schema that dispatches on apiVersion and kind, with unknown fields refused as the API server prunes them.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { KINDS } from '../src/core/schema/catalog';
import { schemaToOpenAPI } from '../src/core/schema/openapi';
import type { Schema } from '../src/core/schema/types';
import type { TextSource } from '../src/core/text/types';

function toJsonSchema(s: Schema): Record<string, unknown> {
  if (s['x-kubernetes-int-or-string']) return { anyOf: [{ type: 'integer' }, { type: 'string' }] };
  const out: Record<string, unknown> = {};
  for (const key of ['type', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'required', 'oneOf'] as const) {
    if (s[key] !== undefined) out[key] = s[key];
  }
  if (s.properties) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toJsonSchema(v)]));
    if (!s['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  }
  if (s.additionalProperties) out.additionalProperties = toJsonSchema(s.additionalProperties);
  if (s.items) out.items = toJsonSchema(s.items);
  return out;
}

function combinedSchema(): Record<string, unknown> {
  const branches = KINDS.flatMap((k) =>
    k.versions.map((v) => ({
      if: { properties: { apiVersion: { const: `${k.group}/${v.name}` }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: toJsonSchema(schemaToOpenAPI(k.group, k.kind, v.name)),
    })),
  );
  return { $schema: 'http://json-schema.org/draft-07/schema#', allOf: branches };
}

/** A yaml-language-server configured with the catalogue's schemas; `validate` checks every file. */
export function yamlLanguageServer(): (files: readonly TextSource[]) => Promise<number> {
  const service = getLanguageService({
    schemaRequestService: (uri: string) => Promise.reject(new Error(`no network in the benchmark: ${uri}`)),
    workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
  });
  service.configure({ validate: true, hover: false, completion: false, format: false, isKubernetes: false, schemas: [{ uri: 'meshaware://linkerd-policy.json', fileMatch: ['*.yaml'], schema: combinedSchema() }] });
  return async (files) => {
    let diagnostics = 0;
    for (const f of files) diagnostics += (await service.doValidation(TextDocument.create(f.uri, 'yaml', 1, f.text), false)).length;
    return diagnostics;
  };
}
