import { isScalar } from 'yaml';
import { listAt, readRef } from '../read';
import type { Rule } from '../rule';
import { routeFlavor } from './kinds';

export const MA221: Rule = {
  code: 'MA221',
  name: 'route-backend-port',
  category: 'admission',
  severity: 'error',
  summary: 'A Gateway API route sends to a Service backend without a port; the policy webhook denies it.',
  check(ctx) {
    const flavor = routeFlavor(ctx);
    if (flavor !== 'gateway-http' && flavor !== 'grpc') return;
    for (const rule of listAt(ctx.doc, ctx.spec, ['rules'])) {
      for (const node of listAt(ctx.doc, rule, ['backendRefs'])) {
        const ref = readRef(ctx.doc, node);
        const service = (ref.group === undefined || ref.group === '' || ref.group === 'core') && (ref.kind === undefined || ref.kind === 'Service');
        const port = ref.port;
        const missing = !port || (isScalar(port) && (port.value === 0 || port.value === null));
        if (service && missing) ctx.report(port ?? ref.nameNode ?? node, `Invalid backendRef: cannot reference a Service without a port. Add 'port:' with the Service port to send to.`);
      }
    }
  },
};
