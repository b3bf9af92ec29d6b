import { INJECT_ANNOTATION, isInjectValue } from '../../../inject';
import { scalarText } from '../../../yaml/manifest';
import { annotationOf } from '../../read';
import type { Rule } from '../../rule';

export const MA407: Rule = {
  code: 'MA407',
  name: 'inject-host-network',
  category: 'annotations',
  severity: 'warning',
  summary: 'Injection is requested for a hostNetwork pod, which the injector always skips.',
  workspace: true,
  check(ctx) {
    const pod = ctx.workspace.objectAt(ctx.root)?.pod;
    if (!pod?.hostNetwork) return;
    const own = scalarText(pod.annotation(INJECT_ANNOTATION));
    const nsObject = ctx.workspace.namespaceObject(ctx.namespace);
    const inherited = nsObject ? scalarText(annotationOf(nsObject.doc, nsObject.root, INJECT_ANNOTATION)) : undefined;
    const value = own ?? inherited;
    if (value === undefined || !isInjectValue(value) || value === 'disabled') return;
    const via = own ? 'its pod template asks for injection' : `namespace '${ctx.namespace}' asks for injection`;
    ctx.report(pod.hostNetwork, `This pod uses hostNetwork and ${via}, but the proxy injector skips host-network pods, so it runs without a proxy. Drop hostNetwork, or annotate the pod linkerd.io/inject: disabled to make that explicit.`);
  },
};
