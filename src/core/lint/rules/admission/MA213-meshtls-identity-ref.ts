import { isMap, type Node } from 'yaml';
import { removePair } from '../../edits';
import { pairOf } from '../../../yaml/manifest';
import { canonicalKind, listAt, readRef, refIs } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA213: Rule = {
  code: 'MA213',
  name: 'meshtls-identity-ref',
  category: 'admission',
  severity: 'error',
  summary: 'A MeshTLSAuthentication identityRef has no name, an unsupported kind, or a namespace on a Namespace ref; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'MeshTLSAuthentication')) return;
    for (const node of listAt(ctx.doc, ctx.spec, ['identityRefs'])) {
      const ref = readRef(ctx.doc, node);
      if (ref.name === undefined) {
        ctx.report(ref.kindNode ?? node, 'identityRefs entries need a name: the CRD allows omitting it, but the policy webhook denies the object ("missing field `name`"). To allow every identity, use identities: ["*"].');
      }
      if (refIs(ref, '', 'ServiceAccount')) continue;
      if (refIs(ref, '', 'Namespace')) {
        const ns = isMap(node) ? pairOf(node, 'namespace') : undefined;
        if (ns) {
          ctx.report(ns.key as Node, 'A Namespace identityRef is cluster-scoped and cannot have a namespace: its name already says which namespace’s service accounts are allowed.', removePair(ns, ctx.file.text, 'Remove the namespace field'));
        }
        continue;
      }
      if (ref.kind !== undefined) ctx.report(ref.kindNode ?? node, `Invalid identity target kind: ${canonicalKind(ref)}. Use a core ServiceAccount or Namespace.`);
    }
  },
};
