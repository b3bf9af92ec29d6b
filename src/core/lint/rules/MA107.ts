import { closest } from '../suggest';
import { schemaRule } from './schemaRule';

/** The API server prunes unknown fields without an error, so a typo silently removes the setting. */
export const MA107 = schemaRule({ code: 'MA107', name: 'unknown-field', severity: 'warning', summary: 'A field is not in the schema; the API server drops it.' }, 'unknown', (p, ctx) => {
  const written = ctx.file.text.slice(p.start, p.end);
  const suggestion = closest(written, p.allowed ?? []);
  return suggestion ? { title: `Rename to '${suggestion}'`, edits: [{ start: p.start, end: p.end, newText: suggestion }] } : undefined;
});
