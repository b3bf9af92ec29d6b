import { isScalar } from 'yaml';
import { nodeAt } from '../../../yaml/manifest';
import { keyOf, listAt } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA309: Rule = {
  code: 'MA309',
  name: 'authorization-authorizes-no-client',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A ServerAuthorization names no kind of client, so Linkerd ignores it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'ServerAuthorization')) return;
    const client = nodeAt(ctx.doc, ctx.spec, ['client']);
    if (!client) return;
    const unauthenticated = nodeAt(ctx.doc, client, ['unauthenticated']);
    const meshTLS = nodeAt(ctx.doc, client, ['meshTLS']);
    // A non-boolean value is a schema error (MA102); saying it authorizes nobody as well would be noise.
    if (unauthenticated && !(isScalar(unauthenticated) && unauthenticated.value === false)) return;
    if (!meshTLS) {
      ctx.report(keyOf(ctx.doc, ctx.spec, ['client']) ?? client, 'client sets neither unauthenticated: true nor meshTLS, so Linkerd ignores this authorization ("no client authentication configured"). Add one of them.');
      return;
    }
    const unauthTLS = nodeAt(ctx.doc, meshTLS, ['unauthenticatedTLS']);
    const named = listAt(ctx.doc, meshTLS, ['identities']).length + listAt(ctx.doc, meshTLS, ['serviceAccounts']).length;
    if (named === 0 && !(isScalar(unauthTLS) && unauthTLS.value === true)) {
      ctx.report(keyOf(ctx.doc, client, ['meshTLS']) ?? meshTLS, 'meshTLS lists no identities or serviceAccounts and does not set unauthenticatedTLS, so it authorizes no clients and Linkerd ignores it. List the allowed identities (use "*" for any meshed client).');
    }
  },
};
