import { schemaRule } from '../../schemaRule';

/** When the value differs from an allowed one only in letter case, the fix writes the allowed spelling. */
export const MA103 = schemaRule({ code: 'MA103', name: 'schema-enum', severity: 'error', summary: 'A field has a value outside its allowed set.' }, 'enum', (p, ctx) => {
  const allowed = p.allowed ?? [];
  const written = ctx.file.text.slice(p.start, p.end).replace(/^["']|["']$/g, '');
  const match = allowed.find((a) => a.toLowerCase() === written.toLowerCase());
  if (!match) return undefined;
  return { title: `Change to '${match}'`, edits: [{ start: p.start, end: p.end, newText: match }] };
});
