// The details pane's Authorization section: for a workload (or one caller's edge to it), each Server and route
// that served it, the authorization that admitted the requests (or connections) or why they were refused, and Open policy.
import type { AuthzEntry, AuthzProtocol, PolicyName, PolicyTarget, Refusal, PanelEdge, PanelNode, WorkloadRef } from '../../src/shared/trafficProtocol';
import { NOISE_RPS } from '../../src/shared/trafficNumbers';
import { DEFAULT_POLICY_ADMITS, writtenKind } from '../../src/core/policy/policyLabels';
import { plural } from '../../src/core/text/plural';
import { dotted } from './details';
import { button, el } from './dom';
import { formatPerSecond } from './format';

/** Why requests were refused, in Linkerd's words (the proxy logs e.g. "Request denied … route.kind=default"), and what that means. */
const REFUSAL_TEXT: Record<Refusal, readonly [string, string]> = {
  unauthorized: ['no authorization matched', 'None of the authorizations on this Server (or on its route, for requests) admits these clients.'],
  routeNotFound: ['route not found', 'No route of this Server matches these requests; the proxy answers 404.'],
  defaultDeny: ['default policy deny', 'No Server selects this port, and its default policy does not admit these clients.'],
  terminated: ['closed after a policy change', 'These connections were admitted when they opened; a policy change since no longer admits these clients, so the proxy closed them.'],
};

const isDefault = (p: PolicyName) => p.kind === 'default';

const kindText = (p: PolicyName) => writtenKind(p.kind);

/**
 * The rows of `node`, or of one edge's caller to it (its identity, or none for clients without a proxy), that
 * counted requests in the window: a counter that stopped growing (an authorization no longer used) says nothing now.
 */
export function rowsFor(rows: readonly AuthzEntry[], node: PanelNode, edge?: { readonly e: PanelEdge; readonly fromUnmeshed: boolean }): AuthzEntry[] {
  return rows.filter((r) => r.destination === node.id && r.allowedRps + r.deniedRps > NOISE_RPS && (!edge || r.client === (edge.fromUnmeshed ? null : (edge.e.clientIdentity ?? null))));
}

interface Line {
  readonly protocol: AuthzProtocol;
  readonly route: PolicyName | null;
  readonly authorization: PolicyName | null;
  readonly refusal?: Refusal;
  allowed: number;
  denied: number;
  /** Each client's requests or connections per second (allowed, or refused on a row of refusals). */
  readonly clients: Map<string, number>;
}

export function renderAuthz(rows: readonly AuthzEntry[], node: PanelNode, openPolicy: (p: PolicyTarget) => void, caller?: string): HTMLElement {
  const heading = el('h3', {}, 'Authorization');
  const label = caller ? `Authorization of ${caller}'s traffic to ${node.name}` : `Authorization at ${node.name}`;
  if (rows.length === 0) return el('section', { class: 'authz', 'aria-label': label }, heading, el('p', { class: 'hint' }, caller ? 'The proxies counted no authorization decisions for this caller in the last poll.' : 'The proxies counted no authorization decisions for this workload in the last poll.'));
  const workload: WorkloadRef = { kind: node.kind, name: node.name, namespace: node.namespace };
  const open = (p: PolicyName, what: string) => button('Open policy', () => openPolicy({ ...p, namespace: node.namespace, workload }), { secondary: '', title: `Open policy: ${what}`, 'aria-label': `Open policy: ${what}` });
  // One block per Server (and port), one line per route and authorization or refusal, clients gathered.
  const servers = new Map<string, { server: PolicyName; port: number | null; lines: Map<string, Line> }>();
  for (const r of rows) {
    const sk = JSON.stringify([r.server.kind, r.server.name, r.port]);
    let s = servers.get(sk);
    if (!s) servers.set(sk, (s = { server: r.server, port: r.port, lines: new Map() }));
    const lk = JSON.stringify([r.protocol, r.route, r.authorization, r.refusal ?? '']);
    let l = s.lines.get(lk);
    if (!l) s.lines.set(lk, (l = { protocol: r.protocol, route: r.route, authorization: r.authorization, refusal: r.refusal, allowed: 0, denied: 0, clients: new Map() }));
    l.allowed += r.allowedRps;
    l.denied += r.deniedRps;
    const client = r.client ?? 'clients without a mesh identity';
    l.clients.set(client, (l.clients.get(client) ?? 0) + (r.refusal ? r.deniedRps : r.allowedRps));
  }
  const blocks = [...servers.values()].map(({ server, port, lines }) => {
    const at = port === null ? '' : ` (port ${port})`;
    const head = isDefault(server)
      ? el('div', { class: 'authz-head' }, el('h4', {}, `Default policy ${server.name}${at}`), open(server, `where the default policy of ${node.name} is set`))
      : el('div', { class: 'authz-head' }, el('h4', {}, `${kindText(server)} ${server.name}${at}`), open(server, `${kindText(server)} ${server.name}`));
    const about = isDefault(server)
      ? [el('p', { class: 'hint' }, `No Server selects this port, so the default policy applies: it ${(DEFAULT_POLICY_ADMITS as Record<string, string>)[server.name] ?? 'is not one Linkerd knows'}. It is set by the config.linkerd.io/default-inbound-policy annotation on the workload or its namespace, else by the cluster's default (proxy.defaultInboundPolicy).`)]
      : [];
    const items = [...lines.values()]
      .sort((a, b) => b.denied - a.denied || b.allowed - a.allowed)
      .map((l) => renderLine(l, server, open));
    return el('div', { class: 'authz-server' }, head, ...about, el('ul', { class: 'authz-lines' }, ...items));
  });
  return el('section', { class: 'authz', 'aria-label': label }, heading, ...blocks);
}

function renderLine(l: Line, server: PolicyName, open: (p: PolicyName, what: string) => HTMLElement): HTMLElement {
  const refused = l.refusal !== undefined;
  const parts: (Node | string)[] = [];
  const facts = el('dl', {});
  const fact = (k: string, ...v: (Node | string)[]) => facts.append(el('dt', {}, k), el('dd', {}, ...v));
  const amount = (n: number) => formatPerSecond(n, l.protocol);
  if (refused) {
    const [reason, means] = REFUSAL_TEXT[l.refusal!];
    parts.push(el('p', { class: 'verdict denied' }, el('span', { 'aria-hidden': 'true' }, '⊘ '), `${amount(l.denied)} denied: ${reason}`), el('p', { class: 'hint' }, means));
  } else {
    parts.push(el('p', { class: 'verdict allowed' }, `${amount(l.allowed)} allowed`));
  }
  // Linkerd authorizes these once per connection, with no route (linkerd2-proxy policy/tcp.rs).
  if (l.protocol === 'tcp') fact('Authorized per', 'connection: an opaque or TLS port, or traffic that is not HTTP');
  if (l.route) {
    // Linkerd's own routes: `default` when no HTTPRoute is attached, `probe` for the kubelet's probes.
    const route = isDefault(l.route)
      ? el('span', {}, l.route.name === 'default' ? 'default (no HTTPRoute attached to the Server)' : `${l.route.name} (a default route of Linkerd's)`)
      : el('span', {}, `${kindText(l.route)} ${l.route.name} `, open(l.route, `${kindText(l.route)} ${l.route.name}`));
    fact('Route', route);
  }
  const a = l.authorization;
  if (a) {
    // `authz_kind="default"` on a Server is its accessPolicy; on the default server, the default policy itself.
    const by = isDefault(a)
      ? isDefault(server)
        ? el('span', {}, `default policy ${a.name}`)
        : el('span', {}, `the Server's accessPolicy ${a.name} `, open(server, `${kindText(server)} ${server.name}'s accessPolicy`))
      : el('span', {}, `${kindText(a)} ${a.name} `, open(a, `${kindText(a)} ${a.name}`));
    fact('Admitted by', by);
  }
  const clients = [...l.clients].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  fact(refused ? `Refused (${plural(clients.length, 'client')})` : `From (${plural(clients.length, 'client')})`, ...clients.flatMap(([c, n], i) => [...(i > 0 ? [el('br')] : []), dotted(c), ` · ${amount(n)}`]));
  return el('li', { class: refused ? 'denied' : 'allowed' }, ...parts, facts);
}
