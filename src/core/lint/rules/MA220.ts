import { isMap, type Node } from 'yaml';
import { scalarText } from '../../yaml/manifest';
import { routeDurationProblem } from '../checks/duration';
import { annotationsOf, listAt, readRef, refIs } from '../read';
import type { Rule } from '../rule';
import { POLICY, routeFlavor } from './kinds';

const GRPC_CONDITIONS = ['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'];
const DURATION_KEYS = ['retry.linkerd.io/timeout', 'timeout.linkerd.io/request', 'timeout.linkerd.io/response', 'timeout.linkerd.io/idle'];

export const MA220: Rule = {
  code: 'MA220',
  name: 'route-annotations',
  category: 'admission',
  severity: 'error',
  summary: 'A retry or timeout annotation on a route with a Service or EgressNetwork parent does not parse; the policy webhook denies the route.',
  check(ctx) {
    const flavor = routeFlavor(ctx);
    if (flavor !== 'policy-http' && flavor !== 'gateway-http' && flavor !== 'grpc') return;
    const outbound = listAt(ctx.doc, ctx.spec, ['parentRefs']).some((n) => {
      const ref = readRef(ctx.doc, n);
      // The webhook reads an absent group as core here, whatever the route's default parent group.
      return refIs(ref, '', 'Service') || refIs(ref, POLICY, 'EgressNetwork');
    });
    const annotations = annotationsOf(ctx.doc, ctx.root);
    if (!outbound || !isMap(annotations)) return;
    for (const pair of annotations.items) {
      const key = scalarText(pair.key);
      const value = scalarText(pair.value) ?? '';
      const problem = key === undefined ? undefined : annotationProblem(key, value, flavor === 'grpc');
      if (problem) ctx.report((pair.value ?? pair.key) as Node, `${key}: ${problem}.`);
    }
  },
};

function annotationProblem(key: string, value: string, grpc: boolean): string | undefined {
  if (key === 'retry.linkerd.io/limit') return /^\d+$/.test(value) && Number(value) <= 65535 ? undefined : `'${value}' is not a whole number from 0 to 65535`;
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

function isHttpCondition(c: string): boolean {
  if (c === '5xx' || c === 'gateway-error') return true;
  const m = /^(\d{3})(?:-(\d{3}))?$/.exec(c);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
  return a >= 100 && b <= 599 && a <= b;
}
