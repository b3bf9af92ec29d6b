import { isScalar } from 'yaml';
import { nodeAt } from '../../../yaml/manifest';
import { replaceNode } from '../../edits';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

export const MA305: Rule = {
  code: 'MA305',
  name: 'server-port-quoted',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A Server port is a quoted number, which Linkerd reads as a port name.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'Server')) return;
    const port = nodeAt(ctx.doc, ctx.spec, ['port']);
    if (!isScalar(port) || typeof port.value !== 'string' || !/^\d+$/.test(port.value)) return;
    ctx.report(port, `Port "${port.value}" is quoted, so Linkerd reads it as a port name and it selects nothing. Remove the quotes to select port ${port.value}.`, replaceNode(port, port.value, 'Remove the quotes'));
  },
};
