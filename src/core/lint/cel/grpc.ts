import { has, isObject, type CelCheck } from './check';

/** GRPCRoute method matches. */

const AT = { GRPCRoute: ['.spec.rules[].matches[].method'] };
const SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

export const GRPC_CHECKS: readonly CelCheck[] = [
  {
    id: 'grpc-method-match-needs-service-or-method',
    at: AT,
    check(self, report) {
      if (isObject(self) && has(self, 'type') && !has(self, 'service') && !has(self, 'method')) report(self, 'type', `A method match needs a service, a method or both (Gateway API CRD rule grpc-method-match-needs-service-or-method).`);
    },
  },
  {
    id: 'grpc-service-name',
    at: AT,
    check(self, report) {
      if (!isObject(self) || (has(self, 'type') && self.type !== 'Exact') || typeof self.service !== 'string' || SERVICE.test(self.service)) return;
      report(self, 'service', `'${self.service}' is not a gRPC service name: dot-separated identifiers of letters, digits and _ (Gateway API CRD rule grpc-service-name).`);
    },
  },
  {
    id: 'grpc-method-name',
    at: AT,
    check(self, report) {
      if (!isObject(self) || (has(self, 'type') && self.type !== 'Exact') || typeof self.method !== 'string' || METHOD.test(self.method)) return;
      report(self, 'method', `'${self.method}' is not a gRPC method name: letters, digits and _, not starting with a digit (Gateway API CRD rule grpc-method-name).`);
    },
  },
];
