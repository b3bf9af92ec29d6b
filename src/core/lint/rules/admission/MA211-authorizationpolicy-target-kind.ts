import { isMap } from 'yaml';
import { AUTHORIZATION_TARGETS } from '../../accepted';
import { nodeAt } from '../../../yaml/manifest';
import { insertFirstKey } from '../../edits';
import { canonicalKind, readRef, refIs } from '../../read';
import type { Rule } from '../../rule';
import { GATEWAY, isKind, POLICY } from '../../kinds';

/** The group to add when a target kind is written without one. */
const GROUP_FOR: Record<string, string> = { Server: POLICY, HTTPRoute: POLICY, GRPCRoute: GATEWAY };

export const MA211: Rule = {
  code: 'MA211',
  name: 'authorizationpolicy-target-kind',
  category: 'admission',
  severity: 'error',
  summary: 'An AuthorizationPolicy targets a kind it cannot authorize; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'AuthorizationPolicy')) return;
    const target = nodeAt(ctx.doc, ctx.spec, ['targetRef']);
    if (!isMap(target)) return;
    const ref = readRef(ctx.doc, target);
    if (ref.kind === undefined || AUTHORIZATION_TARGETS.some(([g, k]) => refIs(ref, g, k))) return;
    const group = !ref.group ? GROUP_FOR[ref.kind] : undefined;
    const fix = group ? insertFirstKey(target, { group }, ctx.file.text, `Add group: ${group}`) : undefined;
    const hint = group ? ` Without 'group: ${group}' the kind is read as a core kind.` : ' Target a Server, a Namespace, an HTTPRoute or a GRPCRoute.';
    ctx.report(ref.kindNode ?? target, `Unsupported authorization target type: ${canonicalKind(ref)}.${hint}`, fix);
  },
};
