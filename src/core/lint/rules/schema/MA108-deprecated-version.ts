import { nodeAt } from '../../../yaml/manifest';
import type { Rule } from '../../rule';

export const MA108: Rule = {
  code: 'MA108',
  name: 'deprecated-version',
  category: 'schema',
  severity: 'warning',
  summary: 'The object uses a deprecated API version.',
  check(ctx) {
    const deprecated = ctx.served?.deprecated;
    const node = nodeAt(ctx.doc, ctx.root, ['apiVersion']);
    if (!deprecated || !node?.range || !ctx.linkerdRelevant) return;
    const target = `${ctx.group}/${deprecated.replacement}`;
    const message = `${ctx.group}/${ctx.version} ${ctx.kind} is deprecated; use ${target}.`;
    const fix = deprecated.mechanical ? { title: `Change apiVersion to ${target}`, edits: [{ start: node.range[0], end: node.range[1], newText: target }] } : undefined;
    ctx.report(node, deprecated.mechanical ? `${message} The fields are the same, so only apiVersion changes.` : message, fix);
  },
};
