import { SERVER_PROTOCOLS as PROTOCOLS } from '../../accepted';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import { replaceNode } from '../../edits';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

/** Spellings people write for the protocols Linkerd names differently. */
const ALIASES: Record<string, string> = { http: 'HTTP/1', 'http/1.1': 'HTTP/1', 'http/1.0': 'HTTP/1', http1: 'HTTP/1', http2: 'HTTP/2', h2: 'HTTP/2', h2c: 'HTTP/2', tcp: 'opaque' };

export const MA202: Rule = {
  code: 'MA202',
  name: 'server-proxy-protocol',
  category: 'admission',
  severity: 'error',
  summary: 'A Server proxyProtocol is not one Linkerd knows; the policy webhook denies it.',
  check(ctx) {
    if (!isKind(ctx, POLICY, 'Server')) return;
    const node = nodeAt(ctx.doc, ctx.spec, ['proxyProtocol']);
    const value = scalarText(node);
    if (!node || value === undefined || PROTOCOLS.includes(value)) return;
    const lower = value.toLowerCase();
    const suggestion = PROTOCOLS.find((p) => p.toLowerCase() === lower) ?? ALIASES[lower];
    ctx.report(
      node,
      `proxyProtocol '${value}' is not valid; use one of ${PROTOCOLS.join(', ')} (exact case)${suggestion ? `, probably '${suggestion}'` : ''}. The policy webhook denies this Server.`,
      suggestion ? replaceNode(node, suggestion, `Change to '${suggestion}'`) : undefined,
    );
  },
};
