import { scalarText } from '../../../yaml/manifest';
import { identityProblem } from '../../checks/identity';
import { listAt } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA212: Rule = {
  code: 'MA212',
  name: 'meshtls-identity',
  category: 'admission',
  severity: 'error',
  summary: 'A MeshTLSAuthentication identity is neither a valid SPIFFE id nor a DNS-like name; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'MeshTLSAuthentication')) return;
    for (const node of listAt(ctx.doc, ctx.spec, ['identities'])) {
      const id = scalarText(node);
      const problem = id === undefined ? undefined : identityProblem(id);
      if (problem) ctx.report(node, `Identity '${id}' is invalid: ${problem}.`);
    }
  },
};
