/**
 * A schema as the list of fields it accepts: path, type, required children and enum, one entry per field.
 * Descriptions are left out, since they do not change what the API server accepts.
 */
export function schemaFields(schema: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Record<string, unknown>;
  const type = s.type ?? (s['x-kubernetes-int-or-string'] ? 'int-or-string' : s['x-kubernetes-preserve-unknown-fields'] ? 'any' : 'untyped');
  const required = Array.isArray(s.required) && s.required.length ? ` required=${[...s.required].sort().join(',')}` : '';
  const enumeration = Array.isArray(s.enum) ? ` enum=${[...s.enum].sort().join(',')}` : '';
  out.set(path || '.', `${String(type)}${required}${enumeration}`);
  for (const [k, v] of Object.entries((s.properties as Record<string, unknown>) ?? {})) schemaFields(v, `${path}.${k}`, out);
  if (s.items) schemaFields(s.items, `${path}[]`, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') schemaFields(s.additionalProperties, `${path}{}`, out);
  return out;
}
