import { nodeAt, scalarText } from '../../../yaml/manifest';
import { contains, overlaps, parseCidr } from '../../checks/cidr';
import { listAt } from '../../read';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA315: Rule = {
  code: 'MA315',
  name: 'egress-overlaps-cluster-networks',
  category: 'cross-object',
  severity: 'warning',
  summary: 'An EgressNetwork’s networks overlap the cluster networks, so Linkerd does not accept it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'EgressNetwork')) return;
    const cluster = ctx.cluster.clusterNetworks.map(parseCidr).filter((c) => c !== undefined);
    for (const network of listAt(ctx.doc, ctx.spec, ['networks'])) {
      const node = nodeAt(ctx.doc, network, ['cidr']);
      const text = scalarText(node);
      const cidr = text === undefined ? undefined : parseCidr(text);
      if (!node || !cidr) continue;
      const excepts = listAt(ctx.doc, network, ['except']).map((e) => parseCidr(scalarText(e) ?? '')).filter((e) => e !== undefined);
      const hit = cluster.find((c) => overlaps(cidr, c) && !excepts.some((e) => contains(e, c) || contains(e, cidr)));
      if (hit) {
        const clusterText = ctx.cluster.clusterNetworks[cluster.indexOf(hit)];
        ctx.report(node, `Network ${text} overlaps the cluster network ${clusterText}: Linkerd sets Accepted=False (EgressReasonNetworkOverlap) and the EgressNetwork has no effect. Add '${clusterText}' to except, or narrow the cidr.`);
      }
    }
  },
};
