import { isScalar } from 'yaml';
import { nodeAt } from '../../../yaml/manifest';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA201: Rule = {
  code: 'MA201',
  name: 'server-port-range',
  category: 'admission',
  severity: 'error',
  summary: 'A Server port number is outside 1–65535; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'Server')) return;
    const port = nodeAt(ctx.doc, ctx.spec, ['port']);
    if (!isScalar(port) || typeof port.value !== 'number') return;
    if (!Number.isInteger(port.value) || port.value < 1 || port.value > 65535) {
      ctx.report(port, `Server port ${port.source ?? port.value} is not a valid port; use a number from 1 to 65535 or a container port name. The policy webhook denies this Server.`);
    }
  },
};
