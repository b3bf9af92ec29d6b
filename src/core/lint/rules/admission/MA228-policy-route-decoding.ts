import { objectsAt } from '../../model/view';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

/** The settings field each filter type of Linkerd's HTTPRoute carries. */
const SETTINGS: Record<string, string> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestRedirect: 'requestRedirect',
};

/**
 * The webhook decodes Linkerd's HTTPRoute into its Rust type before any check
 * (policy-controller/k8s/api/src/policy/httproute.rs): a rule filter is an enum tagged by `type`, whose
 * variant needs its settings object, and every backendRef needs a `name`. The CRD requires neither (its
 * early versions leave backendRefs' fields optional), so the API server admits what the webhook then denies.
 */
export const MA228: Rule = {
  code: 'MA228',
  name: 'policy-route-decoding',
  category: 'admission',
  severity: 'error',
  summary: 'Linkerd’s HTTPRoute has a filter without the settings its type needs, or a backendRef without a name; the policy webhook cannot decode it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'HTTPRoute')) return;
    const view = ctx.view();
    for (const rule of objectsAt(view.root.spec, 'rules')) {
      for (const filter of objectsAt(rule, 'filters')) {
        const field = typeof filter.type === 'string' ? SETTINGS[filter.type] : undefined;
        const at = view.at(filter, 'type');
        if (field && filter[field] === undefined && at) ctx.report(at, `A ${String(filter.type)} filter needs its '${field}' settings; without them the webhook cannot decode the route ("missing field ${field}").`);
      }
      for (const backend of objectsAt(rule, 'backendRefs')) {
        const at = view.at(backend);
        if (backend.name === undefined && at) ctx.report(at, `This backendRef has no name; the webhook cannot decode the route without one ("missing field name"). Name the Service to send to.`);
      }
    }
  },
};
