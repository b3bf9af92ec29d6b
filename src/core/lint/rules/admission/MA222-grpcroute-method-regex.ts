import { nodeAt, scalarText } from '../../../yaml/manifest';
import { replaceNode } from '../../edits';
import type { Rule } from '../../rule';
import { routeFlavor, routeMatches } from '../../kinds';

export const MA222: Rule = {
  code: 'MA222',
  name: 'grpcroute-method-regex',
  category: 'admission',
  severity: 'error',
  summary: 'A GRPCRoute method match uses RegularExpression, which Linkerd does not support; the policy webhook denies it.',
  check(ctx) {
    if (routeFlavor(ctx) !== 'grpc') return;
    for (const match of routeMatches(ctx)) {
      const type = nodeAt(ctx.doc, match, ['method', 'type']);
      if (scalarText(type) === 'RegularExpression') {
        ctx.report(type!, 'Unsupported GRPCRoute method match type RegularExpression: Linkerd matches gRPC methods exactly. Use type Exact and list each service and method.', replaceNode(type!, 'Exact', 'Change to Exact'));
      }
    }
  },
};
