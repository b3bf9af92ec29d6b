import { isMap } from 'yaml';
import { insertFirstKey } from '../../edits';
import { canonicalKind, listAt, readRef, refIs, type Ref } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA210: Rule = {
  code: 'MA210',
  name: 'authorizationpolicy-authentication-refs',
  category: 'admission',
  severity: 'error',
  summary: 'An AuthorizationPolicy lists too many, conflicting or unsupported authentications; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'AuthorizationPolicy')) return;
    const refs = listAt(ctx.doc, ctx.spec, ['requiredAuthenticationRefs']).map((n) => readRef(ctx.doc, n));
    const meshTLS = refs.filter((r) => refIs(r, POLICY, 'MeshTLSAuthentication'));
    const accounts = refs.filter((r) => refIs(r, '', 'ServiceAccount'));
    const networks = refs.filter((r) => refIs(r, POLICY, 'NetworkAuthentication'));
    const at = (r: Ref) => r.kindNode ?? r.node;
    if (meshTLS.length > 1) ctx.report(at(meshTLS[1]), 'Only a single MeshTLSAuthentication may be set: list all identities in one MeshTLSAuthentication.');
    if (accounts.length > 1) ctx.report(at(accounts[1]), 'Only a single ServiceAccount may be set: use a MeshTLSAuthentication with identityRefs to allow several service accounts.');
    if (meshTLS.length && accounts.length) ctx.report(at(accounts[0]), 'A MeshTLSAuthentication and a ServiceAccount may not be set together: move the service account into the MeshTLSAuthentication’s identityRefs.');
    if (networks.length > 1) ctx.report(at(networks[1]), 'Only a single NetworkAuthentication may be set: list all networks in one NetworkAuthentication.');
    for (const r of refs) {
      if (meshTLS.includes(r) || accounts.includes(r) || networks.includes(r)) continue;
      const needsGroup = (r.kind === 'MeshTLSAuthentication' || r.kind === 'NetworkAuthentication') && !r.group;
      const fix = needsGroup && isMap(r.node) ? insertFirstKey(r.node, { group: POLICY }, ctx.file.text, `Add group: ${POLICY}`) : undefined;
      const hint = needsGroup ? ` Without 'group: ${POLICY}' the kind is read as a core kind.` : ' Use MeshTLSAuthentication or NetworkAuthentication (group policy.linkerd.io) or a core ServiceAccount.';
      ctx.report(at(r), `Unsupported authentication kind: ${canonicalKind(r)}.${hint}`, fix);
    }
  },
};
