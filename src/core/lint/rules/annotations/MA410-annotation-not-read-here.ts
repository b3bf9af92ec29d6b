import { appliesTo, findAnnotation } from '../../../annotations/catalog';
import { findInjectionTargets, INJECT_ANNOTATION } from '../../../inject';
import type { Rule } from '../../rule';
import { annotationPairs } from '../../annotationPairs';

export const MA410: Rule = {
  code: 'MA410',
  name: 'annotation-not-read-here',
  category: 'annotations',
  severity: 'warning',
  summary: 'A Linkerd proxy annotation sits on an object Linkerd does not read it from.',
  check(ctx) {
    const isWorkload = () => findInjectionTargets(ctx.file).some((t) => t.document === ctx.document && t.item === undefined && t.role === 'workload');
    for (const a of annotationPairs(ctx)) {
      // The inject annotation has its own rule for this (MA401).
      const spec = a.key === INJECT_ANNOTATION ? undefined : findAnnotation(a.key);
      if (!spec) continue;
      if (a.block.host === undefined) {
        if (isWorkload()) ctx.report(a.keyNode, `${a.key} has no effect on a ${ctx.kind}'s own metadata: Linkerd reads it from pods. Move it to the pod template's annotations.`);
      } else if (!appliesTo(spec, a.block.host)) {
        const where = a.block.host === 'namespace' ? 'is not copied from the Namespace onto its pods' : 'has no effect on a Service';
        ctx.report(a.keyNode, `${a.key} ${where}: set it on the pods (their template's annotations) instead.`);
      }
    }
  },
};
