import { nodeAt, scalarText } from '../../../yaml/manifest';
import { attachesTo, resolvePort, selectedWorkloads, serverPort } from '../../model/servers';
import type { ModelObject } from '../../model/workspace';
import { keyOf, listAt } from '../../read';
import type { Rule } from '../../rule';
import { GATEWAY, isKind, POLICY } from '../../kinds';

export const MA308: Rule = {
  code: 'MA308',
  name: 'probe-route-missing',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A Server has routes, but none matches the HTTP probe path of its pods, so kubelet probes get 404.',
  workspace: true,
  check(ctx) {
    if (!isKind(ctx, POLICY, 'Server') || ctx.name === undefined) return;
    const port = serverPort(ctx.doc, ctx.spec);
    if (!port) return;
    const routes = [...ctx.workspace.list(ctx.namespace, POLICY, 'HTTPRoute'), ...ctx.workspace.list(ctx.namespace, GATEWAY, 'HTTPRoute')].filter((r) => attachesTo(r, ctx.name!));
    // Without routes Linkerd authorizes probes itself; the problem starts with the first route.
    if (!routes.length) return;
    for (const w of selectedWorkloads(ctx.workspace, ctx.workspace.objectAt(ctx.root))) {
      const ports = resolvePort(port, w.pod!);
      for (const probe of w.pod!.probes) {
        const probePort = typeof probe.port === 'number' ? probe.port : w.pod!.ports.find((p) => p.name === probe.port)?.port;
        if (probePort === undefined || !ports.includes(probePort) || routes.some((r) => routeMatchesPath(r, probe.path))) continue;
        ctx.report(keyOf(ctx.doc, ctx.spec, ['port']) ?? ctx.spec!, `${w.kind} '${w.name}' has an HTTP probe on ${probe.path} (port ${probePort}), but no route attached to this Server matches that path: once a route attaches, Linkerd stops authorizing probes itself and they get 404. Add a route for ${probe.path} and authorize it.`);
        return;
      }
    }
  },
};

/** Whether any rule of the route matches a GET to the path (a rule with no matches matches everything). */
function routeMatchesPath(route: ModelObject, path: string): boolean {
  const rules = listAt(route.doc, route.root, ['spec', 'rules']);
  if (!rules.length) return true;
  return rules.some((rule) => {
    const matches = listAt(route.doc, rule, ['matches']);
    if (!matches.length) return true;
    return matches.some((m) => {
      const method = scalarText(nodeAt(route.doc, m, ['method']));
      if (method !== undefined && method !== 'GET') return false;
      const type = scalarText(nodeAt(route.doc, m, ['path', 'type'])) ?? 'PathPrefix';
      const value = scalarText(nodeAt(route.doc, m, ['path', 'value'])) ?? '/';
      if (type === 'Exact') return value === path;
      if (type === 'PathPrefix') return value === '/' || path === value || path.startsWith(value.endsWith('/') ? value : `${value}/`);
      return safeRegex(value)?.test(path) ?? false;
    });
  });
}

function safeRegex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}
