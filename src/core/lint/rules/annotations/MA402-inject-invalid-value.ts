import { findAnnotation, suggestValue } from '../../../annotations/catalog';
import { INJECT_ANNOTATION, isInjectValue } from '../../../inject';
import { replaceNode } from '../../edits';
import type { Rule } from '../../rule';
import { annotationPairs } from '../../annotationPairs';

export const MA402: Rule = {
  code: 'MA402',
  name: 'inject-invalid-value',
  category: 'annotations',
  severity: 'error',
  summary: 'linkerd.io/inject has a value other than enabled, disabled or ingress, so the pods are not injected.',
  check(ctx) {
    const spec = findAnnotation(INJECT_ANNOTATION)!;
    for (const a of annotationPairs(ctx)) {
      if (a.key !== INJECT_ANNOTATION || a.block.host === undefined || a.block.host === 'service') continue;
      const written = a.value ?? (a.valueNode ? ctx.file.text.slice(a.valueNode.range![0], a.valueNode.range![1]) : '');
      if (a.value !== undefined && isInjectValue(a.value)) continue;
      const suggestion = suggestValue(spec, written);
      const scope = a.block.host === 'namespace' ? 'On a Namespace this blocks injection for every pod in it, even pods annotated enabled.' : 'The injector skips this pod.';
      const fix = suggestion && a.valueNode ? replaceNode(a.valueNode, suggestion, `Change to '${suggestion}'`) : undefined;
      ctx.report(a.valueNode ?? a.keyNode, `'${written}' is not a valid ${INJECT_ANNOTATION} value: use enabled, disabled or ingress (exact, lower case). ${scope}`, fix);
    }
  },
};
