import type { ProblemCategory, SchemaProblem } from '../schema/validate';
import type { Rule, RuleContext, RuleInfo } from './rule';
import type { Fix } from './types';

/** A rule that reports one category of the object's schema problems (computed once per object). */
export function schemaRule(
  info: Omit<RuleInfo, 'category'>,
  category: ProblemCategory,
  fix?: (p: SchemaProblem, ctx: RuleContext) => Fix | undefined,
  appliesTo: (ctx: RuleContext) => boolean = () => true,
): Rule {
  return {
    ...info,
    category: 'schema',
    check(ctx) {
      if (!ctx.served || !ctx.linkerdRelevant || !appliesTo(ctx)) return;
      for (const p of ctx.schemaProblems()) {
        if (p.category === category) ctx.report([p.start, p.end], p.message, fix?.(p, ctx));
      }
    },
  };
}
