import { appliesTo, findAnnotation } from '../../../annotations/catalog';
import { findInjectionTargets, INJECT_ANNOTATION, planInjectionEdit } from '../../../inject';
import type { Rule } from '../../rule';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import { annotationOf } from '../../read';
import { annotationPairs } from '../../annotationPairs';

export const MA401: Rule = {
  code: 'MA401',
  name: 'inject-misplaced',
  category: 'annotations',
  severity: 'warning',
  summary: 'linkerd.io/inject sits where the proxy injector never reads it.',
  check(ctx) {
    const spec = findAnnotation(INJECT_ANNOTATION)!;
    for (const a of annotationPairs(ctx)) {
      if (a.key !== INJECT_ANNOTATION || (a.block.host !== undefined && appliesTo(spec, a.block.host))) continue;
      const target = findInjectionTargets(ctx.file).find((t) => t.document === ctx.document && t.item === undefined && t.role === 'workload');
      // A merge key or alias may already put the same value into the pod template, where the injector reads it.
      const inTemplate = target ? scalarText(annotationOf(ctx.doc, nodeAt(ctx.doc, ctx.root, target.podMetadataHost), INJECT_ANNOTATION)) : undefined;
      if (inTemplate !== undefined && inTemplate === a.value) continue;
      const where = target ? `the pod template (${target.podMetadataHost.join('.')}.metadata.annotations)` : 'a Namespace, a Pod or a workload’s pod template';
      ctx.report(a.keyNode, `${INJECT_ANNOTATION} has no effect on a ${ctx.kind}'s own metadata: the injector reads it from pods only. Move it to ${where}.`, target ? moveFix(ctx.file, target) : undefined);
    }
  },
};

function moveFix(file: Parameters<typeof planInjectionEdit>[0], target: Parameters<typeof planInjectionEdit>[1]) {
  try {
    return { title: 'Move the annotation to the pod template', edits: planInjectionEdit(file, target, { kind: 'moveToTemplate' }) };
  } catch {
    // The planner refuses layouts it cannot edit safely (flow maps, aliases); the finding then has no fix.
    return undefined;
  }
}
