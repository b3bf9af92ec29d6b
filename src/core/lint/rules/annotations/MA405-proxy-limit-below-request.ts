import { findAnnotation } from '../../../annotations/catalog';
import { parseQuantity } from '../../checks/quantity';
import type { Rule } from '../../rule';
import { annotationPairs, type AnnotationPair } from '../../annotationPairs';

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

export const MA405: Rule = {
  code: 'MA405',
  name: 'proxy-limit-below-request',
  category: 'annotations',
  severity: 'warning',
  summary: 'A proxy resource limit is below its request, so the pod is rejected.',
  check(ctx) {
    const pairs = annotationPairs(ctx);
    for (const block of new Set(pairs.map((p) => p.block))) {
      const of = (key: string): AnnotationPair | undefined => pairs.find((p) => p.block === block && p.key === key);
      for (const resource of RESOURCES) {
        const request = of(`config.linkerd.io/proxy-${resource}-request`);
        const limit = of(`config.linkerd.io/proxy-${resource}-limit`);
        const r = request?.value !== undefined ? parseQuantity(request.value) : undefined;
        const l = limit?.value !== undefined ? parseQuantity(limit.value) : undefined;
        if (r === undefined || l === undefined || l >= r || !limit?.valueNode || !findAnnotation(limit.key)) continue;
        ctx.report(limit.valueNode, `The proxy ${resource} limit (${limit.value}) is below its request (${request!.value}): Kubernetes rejects pods whose limit is lower than the request. Raise the limit or lower the request.`);
      }
    }
  },
};
