import { isScalar } from 'yaml';
import { nodeAt } from '../../../yaml/manifest';
import { keyOf, listAt } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA208: Rule = {
  code: 'MA208',
  name: 'serverauthorization-client',
  category: 'admission',
  severity: 'error',
  summary: 'A ServerAuthorization client combines authentication settings that exclude each other; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'ServerAuthorization')) return;
    const meshTLS = nodeAt(ctx.doc, ctx.spec, ['client', 'meshTLS']);
    const unauthenticated = nodeAt(ctx.doc, ctx.spec, ['client', 'unauthenticated']);
    if (meshTLS && isScalar(unauthenticated) && unauthenticated.value === true) {
      ctx.report(unauthenticated, '`unauthenticated` must be false when `meshTLS` is set: choose one of them (use two ServerAuthorizations to allow both).');
    }
    const unauthTLS = nodeAt(ctx.doc, meshTLS, ['unauthenticatedTLS']);
    const named = listAt(ctx.doc, meshTLS, ['identities']).length + listAt(ctx.doc, meshTLS, ['serviceAccounts']).length;
    if (isScalar(unauthTLS) && unauthTLS.value === true && named > 0) {
      ctx.report(keyOf(ctx.doc, meshTLS, ['unauthenticatedTLS']) ?? unauthTLS, '`unauthenticatedTLS` must be false when `identities` or `serviceAccounts` are listed: remove one or the other.');
    }
  },
};
