import { nodeAt, scalarText } from '../../../yaml/manifest';
import { portSet } from '../../checks/ports';
import { keyOf } from '../../read';
import { resolvePort, selectedWorkloads, serverPort } from '../../model/servers';
import type { Rule } from '../../rule';
import { isKind, POLICY } from '../../kinds';

const OPAQUE = 'config.linkerd.io/opaque-ports';

export const MA318: Rule = {
  code: 'MA318',
  name: 'server-overrides-opaque-port',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A Server selects a port its pods mark opaque, without proxyProtocol: opaque, so the port is no longer treated as opaque.',
  workspace: true,
  check(ctx) {
    if (!isKind(ctx, POLICY, 'Server')) return;
    const protocol = scalarText(nodeAt(ctx.doc, ctx.spec, ['proxyProtocol'])) ?? 'unknown';
    const port = serverPort(ctx.doc, ctx.spec);
    if (protocol === 'opaque' || !port) return;
    for (const w of selectedWorkloads(ctx.workspace, ctx.workspace.objectAt(ctx.root))) {
      const value = scalarText(w.pod!.annotation(OPAQUE));
      if (value === undefined) continue;
      const opaque = portSet(value);
      const hit = resolvePort(port, w.pod!).find((p) => opaque.has(p));
      if (hit === undefined) continue;
      ctx.report(
        nodeAt(ctx.doc, ctx.spec, ['proxyProtocol']) ?? keyOf(ctx.doc, ctx.spec, ['port']) ?? ctx.spec!,
        `${w.kind} '${w.name}' marks port ${hit} opaque, but a Server's proxyProtocol replaces that annotation for the ports it selects: with '${protocol}' the proxy will try to detect the protocol, which stalls server-speaks-first protocols. Set proxyProtocol: opaque.`,
      );
      return;
    }
  },
};
