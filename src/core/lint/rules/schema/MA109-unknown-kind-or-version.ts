import { KINDS, LINKERD_GROUPS, storageVersion } from '../../../schema/catalog';
import { nodeAt } from '../../../yaml/manifest';
import type { Rule } from '../../rule';
import { closest } from '../../suggest';

export const MA109: Rule = {
  code: 'MA109',
  name: 'unknown-kind-or-version',
  category: 'schema',
  severity: 'error',
  summary: 'A Linkerd API group is used with a kind or version it does not serve.',
  check(ctx) {
    if (ctx.served || !ctx.linkerdRelevant) return;
    const apiVersion = nodeAt(ctx.doc, ctx.root, ['apiVersion']);
    const kindNode = nodeAt(ctx.doc, ctx.root, ['kind']);
    if (ctx.definition) {
      const storage = storageVersion(ctx.definition);
      const served = ctx.definition.versions.map((v) => v.name).join(', ');
      const target = `${ctx.group}/${storage.name}`;
      const fix = apiVersion?.range ? { title: `Change apiVersion to ${target}`, edits: [{ start: apiVersion.range[0], end: apiVersion.range[1], newText: target }] } : undefined;
      ctx.report(apiVersion ?? kindNode!, `${ctx.group} does not serve ${ctx.kind} at version ${ctx.version}; served versions are ${served}. kubectl apply would fail with "no matches for kind".`, fix);
      return;
    }
    if (!LINKERD_GROUPS.has(ctx.group)) return;
    const kinds = KINDS.filter((k) => k.group === ctx.group).map((k) => k.kind);
    const guess = closest(ctx.kind, kinds);
    const fix = guess && kindNode?.range ? { title: `Change kind to ${guess}`, edits: [{ start: kindNode.range[0], end: kindNode.range[1], newText: guess }] } : undefined;
    ctx.report(kindNode ?? apiVersion!, `${ctx.group} has no kind ${ctx.kind}${guess ? `; did you mean ${guess}?` : `; its kinds are ${kinds.join(', ')}.`}`, fix);
  },
};
