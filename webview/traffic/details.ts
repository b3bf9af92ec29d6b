// The details pane of the selected node or edge, with Open manifest and Add to mesh.
import type { PanelSettings, PanelEdge, PanelNode, TrafficRoute, WorkloadRef } from '../../src/shared/trafficProtocol';
import { button, el } from './dom';
import { formatLatency, formatRps, formatSuccess, health, tlsText } from './format';
import type { Selection } from './graph';
import { plural } from '../../src/core/text/plural';
import { isGroup, type ViewNode } from './grouping';
import { nodeLabel } from './table';
import { renderRoutes } from './routes';

export interface DetailsCallbacks {
  openManifest(w: WorkloadRef): void;
  addToMesh(w: WorkloadRef): void;
  setCollapsed(namespace: string, collapsed: boolean): void;
  /** What the selected workload's (or edge's) proxies allowed and denied, under its actions: the why of its traffic. */
  authorization?(sel: Selection): HTMLElement[];
  /** The selected workload's or edge's last 15 minutes, drawn last. */
  trends?(sel: Selection): Node | undefined;
}

function ref(n: PanelNode): WorkloadRef {
  return { kind: n.kind, name: n.name, namespace: n.namespace };
}

function facts(rows: [string, string | Node][]): HTMLElement {
  return el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

/** A dotted name (a mesh identity) that wraps only after its dots, never inside a word. */
export function dotted(name: string): Node {
  const span = el('span', { class: 'dotted' });
  name.split(/(?<=\.)/).forEach((part, i) => {
    if (i > 0) span.append(el('wbr'));
    span.append(part);
  });
  return span;
}

export function renderDetails(
  sel: Selection | undefined,
  nodes: ReadonlyMap<string, ViewNode>,
  edges: readonly PanelEdge[],
  settings: PanelSettings,
  cb: DetailsCallbacks,
  routes: readonly TrafficRoute[] = [],
): HTMLElement {
  if (!sel) return el('p', { class: 'hint' }, 'Select a workload or an edge for details. In the graph, use the arrow keys; in the table, the arrow keys and Enter.');
  if (sel.kind === 'node') {
    const n = nodes.get(sel.id);
    if (!n) return el('p', { class: 'hint' }, 'The selected workload is no longer in the traffic data.');
    const inbound = edges.filter((e) => e.target === n.id);
    const outbound = edges.filter((e) => e.source === n.id);
    const served = inbound.reduce((s, e) => s + e.requestsPerSecond, 0);
    if (isGroup(n)) {
      return el(
        'section',
        { 'aria-label': `Details of namespace ${n.name}` },
        el('h2', {}, n.name),
        facts([
          ['Namespace', `${n.members ?? 0} workloads, folded`],
          ['Meshed pods', `${n.meshedPods}/${n.totalPods}`],
          ['Serves', `${formatRps(served)} from ${plural(inbound.length, 'caller')}`],
          ['Calls', plural(outbound.length, 'destination')],
        ]),
        el('div', { class: 'actions' }, button('Unfold', () => cb.setCollapsed(n.namespace, false))),
      );
    }
    const actions = n.aggregate
      ? el('p', { class: 'hint' }, 'Clients without a Linkerd proxy: Linkerd cannot tell which workloads they are. Add the callers to the mesh to see them here.')
      : el('div', { class: 'actions' }, button('Open manifest', () => cb.openManifest(ref(n))));
    if (!n.meshed && !n.aggregate) actions.append(button('Add to mesh', () => cb.addToMesh(ref(n)), { secondary: '' }));
    actions.append(button(`Fold ${n.namespace}`, () => cb.setCollapsed(n.namespace, true), { secondary: '', title: 'Draw this namespace as one node' }));
    return el(
      'section',
      { 'aria-label': `Details of ${n.kind} ${n.name}` },
      el('h2', {}, n.name),
      facts([
        ['Kind', n.kind],
        ['Namespace', n.namespace],
        ['Meshed pods', n.meshed ? `${n.meshedPods}/${n.totalPods}` : `not meshed (${plural(n.totalPods, 'pod')} seen)`],
        ...(n.unreadPods ? [['Not read', `${plural(n.unreadPods, 'pod')}: their traffic is missing`] as [string, string]] : []),
        ['Serves', `${formatRps(served)} from ${plural(inbound.length, 'caller')}`],
        ['Calls', plural(outbound.length, 'destination')],
      ]),
      actions,
      ...(cb.authorization?.(sel) ?? []),
      ...renderRoutes(n.id, routes),
      ...[cb.trends?.(sel)].filter((t) => t !== undefined),
    );
  }
  const e = edges.find((x) => x.id === sel.id);
  if (!e) return el('p', { class: 'hint' }, 'The selected edge is no longer in the traffic data.');
  const src = nodes.get(e.source);
  const dst = nodes.get(e.target);
  const actions = el('div', { class: 'actions' });
  if (src && !src.aggregate) actions.append(button(`Open ${src.name}`, () => cb.openManifest(ref(src)), { secondary: '' }));
  if (dst && !dst.aggregate) actions.append(button(`Open ${dst.name}`, () => cb.openManifest(ref(dst)), { secondary: '' }));
  const lat = e.latencyMs;
  return el(
    'section',
    { 'aria-label': 'Details of the selected edge' },
    el('h2', {}, `${src?.name ?? e.source} → ${dst?.name ?? e.target}`),
    facts([
      ['Requests', formatRps(e.requestsPerSecond)],
      ['Success', `${formatSuccess(e.successRate)} (${health(e.successRate, settings)})`],
      ['Latency', lat ? `p50 ${formatLatency(lat.p50)} · p95 ${formatLatency(lat.p95)} · p99 ${formatLatency(lat.p99)}` : '–'],
      ['From', nodeLabel(src, e.source)],
      ['To', nodeLabel(dst, e.target)],
      ['Open connections', String(e.openConnections)],
      ['Transport', tlsText(e)],
      ['Client identity', e.clientIdentity ? dotted(e.clientIdentity) : '–'],
      ['Server identity', e.serverIdentity ? dotted(e.serverIdentity) : '–'],
    ]),
    actions,
    ...(cb.authorization?.(sel) ?? []),
    ...[cb.trends?.(sel)].filter((t) => t !== undefined),
  );
}
