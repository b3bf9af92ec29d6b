import { closest } from '../../suggest';
import { GATEWAY } from '../../kinds';
import { schemaRule } from '../../schemaRule';

/** The API server prunes unknown fields without an error, so a typo silently removes the setting. */
export const MA107 = schemaRule(
  { code: 'MA107', name: 'unknown-field', severity: 'warning', summary: 'A field is not in the schema; the API server drops it.' },
  'unknown',
  (p, ctx) => {
    const written = ctx.file.text.slice(p.start, p.end);
    const suggestion = closest(written, p.allowed ?? []);
    return suggestion ? { title: `Rename to '${suggestion}'`, edits: [{ start: p.start, end: p.end, newText: suggestion }] } : undefined;
  },
  // Since Linkerd 2.19 users bring their own Gateway API CRDs, often newer than the bundled schema: a field
  // unknown to us may well be served there, so only Linkerd's own kinds get this check.
  (ctx) => ctx.group !== GATEWAY,
);
