import { objectsAt, stringAt } from '../../model/view';
import type { Rule } from '../../rule';
import { routeFlavor } from '../../kinds';

/**
 * `validate_http_backend_if_service` / `validate_grpc_backend_if_service` in
 * policy-controller/runtime/src/admission.rs: a Service backend (group absent, "" or "core"; kind absent or
 * "Service") needs a non-zero port. Where the CRD's own rule already refuses the route (group "" and kind
 * Service as defaulted, no port), MA110 reports it.
 */
export const MA221: Rule = {
  code: 'MA221',
  name: 'route-backend-port',
  category: 'admission',
  severity: 'error',
  summary: 'A Gateway API route sends to a Service backend without a port; the policy webhook denies it.',
  check(ctx) {
    const flavor = routeFlavor(ctx);
    if (flavor !== 'gateway-http' && flavor !== 'grpc') return;
    const view = ctx.view();
    for (const rule of objectsAt(view.root.spec, 'rules')) {
      for (const ref of objectsAt(rule, 'backendRefs')) {
        const [group, kind] = [stringAt(ref, 'group'), stringAt(ref, 'kind')];
        const service = (group === undefined || group === '' || group === 'core') && (kind === undefined || kind === 'Service');
        const missing = ref.port === undefined || ref.port === 0;
        const refusedByCrd = group === '' && kind === 'Service' && ref.port === undefined;
        const at = view.at(ref, ref.port === undefined ? 'name' : 'port');
        if (service && missing && !refusedByCrd && at) ctx.report(at, `Invalid backendRef: cannot reference a Service without a port. Add 'port:' with the Service port to send to.`);
      }
    }
  },
};
