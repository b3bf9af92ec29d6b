import { has, isObject, type CelCheck } from './check';

const MIRRORS = ['.spec.rules[].filters[].requestMirror.backendRef', '.spec.rules[].backendRefs[].filters[].requestMirror.backendRef'];

/** A backend (or mirror target) in the core group with kind Service (both as defaulted) needs a port. */
export const BACKEND_CHECKS: readonly CelCheck[] = [
  {
    id: 'service-backend-needs-port',
    at: {
      HTTPRoute: ['.spec.rules[].backendRefs[]', ...MIRRORS],
      GRPCRoute: ['.spec.rules[].backendRefs[]', ...MIRRORS],
      TLSRoute: ['.spec.rules[].backendRefs[]'],
      TCPRoute: ['.spec.rules[].backendRefs[]'],
    },
    check(self, report) {
      if (!isObject(self) || self.group !== '' || self.kind !== 'Service' || has(self, 'port')) return;
      report(self, 'name', `A Service reference needs a port: add 'port:' with the Service port to send to (Gateway API CRD rule service-backend-needs-port).`);
    },
  },
];
