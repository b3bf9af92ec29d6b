import { appliesTo, findAnnotation, suggestValue } from '../../../annotations/catalog';
import { INJECT_ANNOTATION } from '../../../inject';
import { annotationValueProblem } from '../../checks/annotationValue';
import { replaceNode } from '../../edits';
import type { Rule } from '../../rule';
import { annotationPairs } from '../../annotationPairs';

export const MA404: Rule = {
  code: 'MA404',
  name: 'annotation-value',
  category: 'annotations',
  severity: 'warning',
  summary: 'A Linkerd proxy annotation has a value its reader cannot parse, so the setting is ignored or breaks the pod.',
  check(ctx) {
    for (const a of annotationPairs(ctx)) {
      const spec = findAnnotation(a.key);
      // The inject annotation has its own rule (MA402); non-strings are MA409.
      if (!spec || a.key === INJECT_ANNOTATION || a.value === undefined || !a.valueNode || a.block.host === undefined || !appliesTo(spec, a.block.host)) continue;
      const problem = annotationValueProblem(spec, a.value);
      if (!problem) continue;
      const suggestion = suggestValue(spec, a.value);
      const fix = suggestion ? replaceNode(a.valueNode, suggestion, `Change to '${suggestion}'`) : undefined;
      ctx.report(a.valueNode, `${a.key}: ${problem}. Expected ${spec.format}. ${spec.onBadValue}`, fix);
    }
  },
};
