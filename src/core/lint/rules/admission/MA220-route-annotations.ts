import { routeDurationProblem, rustUnsigned } from '../../checks/duration';
import { isEgressNetworkParent, isServiceParent, parentRefs } from '../../model/parents';
import { objectAt, stringAt } from '../../model/view';
import type { Rule } from '../../rule';
import { routeFlavor } from '../../kinds';

const GRPC_CONDITIONS = ['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'];
const DURATION_KEYS = ['retry.linkerd.io/timeout', 'timeout.linkerd.io/request', 'timeout.linkerd.io/response', 'timeout.linkerd.io/idle'];

/**
 * The webhook parses a route's retry and timeout annotations only when a parent is a Service or an
 * EgressNetwork (policy-controller/runtime/src/admission.rs), with the index's parsers: `parse_http_retry`
 * (outbound/index/http.rs), `parse_grpc_retry` (outbound/index/grpc.rs) and `parse_timeouts` (outbound/index.rs).
 */
export const MA220: Rule = {
  code: 'MA220',
  name: 'route-annotations',
  category: 'admission',
  severity: 'error',
  summary: 'A retry or timeout annotation on a route with a Service or EgressNetwork parent does not parse; the policy webhook denies the route.',
  check(ctx) {
    const flavor = routeFlavor(ctx);
    if (flavor !== 'policy-http' && flavor !== 'gateway-http' && flavor !== 'grpc') return;
    const view = ctx.view();
    if (!parentRefs(view).some((ref) => isServiceParent(ref) || isEgressNetworkParent(ref))) return;
    const annotations = objectAt(objectAt(view.root, 'metadata'), 'annotations');
    if (!annotations) return;
    for (const key of Object.keys(annotations)) {
      const value = stringAt(annotations, key);
      const problem = value === undefined ? undefined : annotationProblem(key, value, flavor === 'grpc');
      const at = view.at(annotations, key);
      if (problem && at) ctx.report(at, `${key}: ${problem}.`);
    }
  },
};

function annotationProblem(key: string, value: string, grpc: boolean): string | undefined {
  if (key === 'retry.linkerd.io/limit') return (rustUnsigned(value) ?? Infinity) <= 65535 ? undefined : `'${value}' is not a whole number from 0 to 65535`;
  if (DURATION_KEYS.includes(key)) return routeDurationProblem(value);
  if (key === 'retry.linkerd.io/http' && !grpc) {
    const bad = value.split(',').find((c) => !isHttpCondition(c));
    return bad === undefined ? undefined : `invalid retry condition '${bad}' (use 5xx, gateway-error, a status such as 503, or a range such as 500-504, comma-separated without spaces)`;
  }
  if (key === 'retry.linkerd.io/grpc' && grpc) {
    const bad = value.split(',').find((c) => !GRPC_CONDITIONS.includes(c.toLowerCase()));
    return bad === undefined ? undefined : `unknown gRPC retry condition '${bad}' (use ${GRPC_CONDITIONS.join(', ')}, comma-separated without spaces)`;
  }
  return undefined;
}

/** One condition of retry.linkerd.io/http, compared as Linkerd does: keywords ignoring ASCII case, codes 100–599. */
function isHttpCondition(c: string): boolean {
  const lower = c.toLowerCase();
  if (lower === '5xx' || lower === 'gateway-error') return true;
  const code = (s: string) => {
    const n = rustUnsigned(s);
    return n !== undefined && n >= 100 && n < 600 ? n : undefined;
  };
  if (code(c) !== undefined) return true;
  const dash = c.indexOf('-');
  if (dash < 0) return false;
  const [a, b] = [code(c.slice(0, dash)), code(c.slice(dash + 1))];
  return a !== undefined && b !== undefined && a <= b;
}
