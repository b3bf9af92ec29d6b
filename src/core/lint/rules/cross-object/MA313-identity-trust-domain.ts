import { scalarText } from '../../../yaml/manifest';
import { listAt } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

const MARKER = '.serviceaccount.identity.';

export const MA313: Rule = {
  code: 'MA313',
  name: 'identity-trust-domain',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A service-account identity names a control-plane namespace or trust domain other than the configured one.',
  check(ctx) {
    const identities = isKind(ctx, POLICY, 'MeshTLSAuthentication')
      ? listAt(ctx.doc, ctx.spec, ['identities'])
      : isKind(ctx, POLICY, 'ServerAuthorization')
        ? listAt(ctx.doc, ctx.spec, ['client', 'meshTLS', 'identities'])
        : [];
    const expected = `${ctx.cluster.controlPlaneNamespace}.${ctx.cluster.trustDomain}`;
    for (const node of identities) {
      const id = scalarText(node);
      const at = id?.indexOf(MARKER) ?? -1;
      if (id === undefined || at < 0) continue;
      const suffix = id.slice(at + MARKER.length);
      if (suffix !== expected) {
        ctx.report(node, `Identity '${id}' ends in '${suffix}', but identities in this cluster end in '${expected}' (control-plane namespace '${ctx.cluster.controlPlaneNamespace}', trust domain '${ctx.cluster.trustDomain}'): no client will match. Fix the suffix, or change the lint's cluster settings if the cluster differs.`);
      }
    }
  },
};
