// The traffic panel's page: receives snapshots (and, between polls of an unchanged mesh, only their numbers)
// from the extension host, lays the graph out in a worker and draws it, or the table. What must survive the
// view being hidden goes to setState; the host sends the snapshot again when the page is rebuilt.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { PanelProblem, PanelSettings, PolicyTarget, TrafficSnapshot } from '../../src/shared/trafficProtocol';
import { withNumbers } from '../../src/shared/trafficNumbers';
import type { Layout, Point } from '../trafficLayout/types';
import { renderAuthz, rowsFor } from './authzDetails';
import { renderDetails } from './details';
import { el, keepingFocus } from './dom';
import { applyFilter, namespacesOf, type Filter } from './filter';
import { ago, type LabelMode } from './format';
import { TrafficGraph, type Selection } from './graph';
import { foldedByDefault, groupNamespaces, isGroup, type ViewNode } from './grouping';
import { graphRequest } from './graphRequest';
import { Host } from './host';
import { LayoutClient } from './layoutClient';
import { renderLegend } from './legend';
import { TextMeasure } from './measure';
import { renderGaps, renderLoading, renderNoTraffic, renderProblem } from './states';
import { isColumn, type SortState } from './table';
import { renderTable } from './tableView';
import { onThemeChange, readTheme } from './theme';
import { Toolbar } from './toolbar';
import { plural } from '../../src/core/text/plural';
import { edgeKey, nodeKey, recordSnapshot, TrafficHistory } from '../../src/core/traffic/history';
import { newTableTrends, renderTrends, rowTrend } from './trends';

interface Persisted {
  view: 'graph' | 'table';
  /** Namespaces the user opened or folded, against the default (see foldedByDefault). */
  expanded: string[];
  collapsed: string[];
  label: LabelMode;
  filter: Filter;
  sort: SortState;
  selected?: Selection;
  /** Where nodes were last drawn: the next layout keeps their order. */
  positions: Record<string, Point>;
}

const host = new Host<Persisted>();
const state: Persisted = {
  view: 'graph',
  label: 'rps',
  filter: { namespace: '', text: '' },
  sort: { column: 'rps', descending: true },
  expanded: [],
  collapsed: [],
  positions: {},
  ...host.state(),
};
// A state saved by an older version may sort by a column the table no longer has.
if (!isColumn(state.sort.column)) state.sort = { column: 'rps', descending: true };
let snapshot: TrafficSnapshot | undefined;
/** The host's history as it sent it with the last whole snapshot, and every poll received since. */
let history = new TrafficHistory(5);
let settings: PanelSettings = { intervalSeconds: 5, warnBelow: 0.99, failBelow: 0.95 };
let problem: PanelProblem | undefined;
let loadingContext: string | undefined;
let paused = false;
let layoutError: string | undefined;
/** Why the last Open manifest or Add to mesh pressed here did nothing, shown under the details until the next press. */
let notice: string | undefined;
/** What the graph drew last (namespaces folded), for the details of a folded namespace or a summed edge. */
let drawn: { nodes: readonly ViewNode[]; edges: readonly TrafficSnapshot['edges'][number][] } | undefined;
/** The last layout and what it was made from: an unchanged request draws at once, without the worker. */
let laidOut: { key: string; layout: Layout } | undefined;
/** Each edge label's reserved width, which only grows, so changing numbers do not change the layout. */
const reserved = new Map<string, number>();
let reservedFor: LabelMode = state.label;
const measure = new TextMeasure();

const save = () => host.save(state);
/** Renders at the next frame, once for however many changes come before it; frames stop while the page is hidden. */
let stale = false;
let frame = 0;
function schedule(): void {
  stale = true;
  frame ||= requestAnimationFrame(() => {
    frame = 0;
    if (stale) render();
  });
}

const toolbar = new Toolbar(
  {
    namespace: (ns) => ((state.filter = { ...state.filter, namespace: ns }), save(), schedule()),
    text: (t) => ((state.filter = { ...state.filter, text: t }), save(), schedule()),
    label: (mode) => ((state.label = mode), save(), schedule()),
    toggleView: () => ((state.view = state.view === 'graph' ? 'table' : 'graph'), save(), schedule()),
    fit: () => graph.fit(),
  },
  { namespace: state.filter.namespace, text: state.filter.text, label: state.label },
);
// Each part of the status line wraps as a whole: never "updated 5 / s ago".
const stamp = el('span', { class: 'stamp' });
// How much of the mesh is drawn, and how to open the rest.
const summary = el('div', { class: 'summary', role: 'status' });
const statusLine = el('div', { class: 'status' }, stamp, summary);
const stateArea = el('div', { class: 'state-area' });
const live = el('div', { class: 'sr-only', 'aria-live': 'polite' });
const graphBox = el('div', { class: 'graph', tabindex: '0', role: 'application', 'aria-label': 'Traffic graph. Arrow keys move between workloads and edges, Enter opens, Escape clears.', 'aria-describedby': 'legend' });
const tableBox = el('div', { class: 'table-box' });
const legendBox = el('div', { id: 'legend' });
// Not a live region: it is rebuilt on every poll, and the graph already announces what is selected.
const details = el('aside', { class: 'details', 'aria-label': 'Details' });
const content = el('div', { class: 'content' }, el('div', { class: 'view' }, graphBox, tableBox, legendBox), details);
document.body.append(el('main', { class: 'panel' }, toolbar.element, statusLine, stateArea, content, live));

const layoutUrl = document.body.dataset.layoutWorker ?? '';
const layouts = new LayoutClient(layoutUrl, (message) => ((layoutError = message), schedule()));
layouts.warmUp();
let theme = readTheme();
measure.setFamily(theme.fontFamily);
const graph = new TrafficGraph(
  graphBox,
  live,
  {
    select: (sel) => ((state.selected = sel), save(), renderSide()),
    activate: (sel) => activate(sel),
  },
  theme,
);
onThemeChange(() => {
  theme = readTheme();
  graph.setTheme(theme);
  measure.setFamily(theme.fontFamily);
  laidOut = undefined;
  schedule();
});
new ResizeObserver(() => graph.resize()).observe(graphBox);
// For tests and tools that check the picture: what is drawn where, in the graph's screen pixels.
(window as unknown as { meshawareGraphGeometry: () => unknown }).meshawareGraphGeometry = () => graph.geometry();

/** Whether a namespace is drawn as one node: the user's choice, else the default. */
function isCollapsed(namespace: string, folded: ReadonlySet<string>): boolean {
  if (state.expanded.includes(namespace)) return false;
  return state.collapsed.includes(namespace) || folded.has(namespace);
}

function setCollapsed(namespace: string, collapsed: boolean): void {
  state.expanded = state.expanded.filter((n) => n !== namespace);
  state.collapsed = state.collapsed.filter((n) => n !== namespace);
  (collapsed ? state.collapsed : state.expanded).push(namespace);
  save();
  schedule();
}

function activate(sel: Selection): void {
  if (sel.kind === 'node' && sel.id.startsWith('group:')) return setCollapsed(sel.id.slice('group:'.length), false);
  const n = snapshot?.nodes.find((x) => x.id === sel.id);
  if (sel.kind === 'node' && n && !n.aggregate) host.post({ type: 'openManifest', workload: { kind: n.kind, name: n.name, namespace: n.namespace } });
  else {
    state.selected = sel;
    save();
    renderSide();
    details.querySelector<HTMLElement>('vscode-button')?.focus();
  }
}

function renderSide(): void {
  const s = snapshot;
  if (!s) return;
  const nodes = new Map<string, ViewNode>(s.nodes.map((n) => [n.id, n]));
  for (const n of drawn?.nodes ?? []) if (isGroup(n)) nodes.set(n.id, n);
  keepingFocus(details, () =>
    details.replaceChildren(
      renderDetails(state.selected, nodes, drawn?.edges ?? s.edges, settings, {
        openManifest: (workload) => host.post({ type: 'openManifest', workload }),
        addToMesh: (workload) => host.post({ type: 'addToMesh', workload }),
        setCollapsed,
        trends: (sel) =>
          sel.kind === 'edge'
            ? renderTrends(history, edgeKey(sel.id))
            : renderTrends(history, nodeKey(sel.id), 'What its callers sent it; p99 is the slowest caller’s.'),
        authorization: (sel) => authzSection(s, nodes, sel),
      }, s.routes),
      ...(notice ? [el('p', { class: 'notice', role: 'alert' }, notice)] : []),
    ),
  );
}

/** The selected workload's (or edge's) authorization, when the proxies reported any in this mesh. */
function authzSection(s: TrafficSnapshot, nodes: ReadonlyMap<string, ViewNode>, sel: Selection): HTMLElement[] {
  if (!s.authorizations) return [];
  const openPolicy = (policy: PolicyTarget) => host.post({ type: 'openPolicy', policy });
  if (sel.kind === 'node') {
    const n = nodes.get(sel.id);
    return n && !isGroup(n) && !n.aggregate ? [renderAuthz(rowsFor(s.authorizations, n), n, openPolicy)] : [];
  }
  const e = s.edges.find((x) => x.id === sel.id);
  const dst = e && nodes.get(e.target);
  const src = e && nodes.get(e.source);
  if (!e || !dst || !src || isGroup(dst) || isGroup(src)) return [];
  return [renderAuthz(rowsFor(s.authorizations, dst, { e, fromUnmeshed: src.aggregate === true }), dst, openPolicy, src.name)];
}

function renderSummary(nodes: readonly ViewNode[], total: number): void {
  const groups = nodes.filter(isGroup).length;
  summary.textContent = groups === 0 ? '' : `${nodes.length - groups} of ${plural(total, 'workload')} shown · ${plural(groups, 'namespace')} folded: select one and press Enter to unfold it`;
}

function renderStamp(): void {
  const s = snapshot;
  const parts = s ? [s.context, `from ${s.origin}`, `updated ${ago(s.updatedAt, Date.now())}`, ...(paused ? ['paused'] : [])] : [];
  stamp.replaceChildren(...parts.flatMap((p, i) => [...(i > 0 ? [' · '] : []), el('span', {}, p)]));
}

/** Draws the graph: at once (then with the details, and returns true) when its layout is known, else when it comes. */
function renderGraph(s: TrafficSnapshot): boolean {
  const folded = foldedByDefault(s, state.filter.text);
  const grouped = groupNamespaces(applyFilter(s, state.filter), (ns) => isCollapsed(ns, folded));
  drawn = grouped;
  renderSummary(grouped.nodes, s.nodes.length);
  // A folded namespace's calls inside itself are in its details, not drawn as a loop on it.
  const groups = new Set(grouped.nodes.filter(isGroup).map((n) => n.id));
  const shown = { nodes: grouped.nodes, edges: grouped.edges.filter((e) => e.source !== e.target || !groups.has(e.source)) };
  if (reservedFor !== state.label) {
    reserved.clear();
    reservedFor = state.label;
  }
  const request = graphRequest(shown, state.label, measure, reserved);
  const input = { ...shown, sizes: request.sizes, labels: request.labels, routed: request.routed, settings };
  const draw = (layout: Layout) => {
    graph.update({ ...input, layout, selected: state.selected });
    document.body.dataset.rendered = String(s.updatedAt);
    renderSide();
  };
  const { key } = request;
  if (laidOut?.key === key) {
    draw(laidOut.layout);
    return true;
  }
  const laying = layouts.run({ ...request.layout, previous: state.positions, aspect: aspectOf(graphBox), route: request.routed });
  // The worker has the request: a first drawing adds its elements meanwhile.
  graph.prepare({ ...input, selected: state.selected });
  void laying.then((layout) => {
    if (snapshot !== s) return;
    laidOut = { key, layout };
    state.positions = { ...state.positions, ...layout.positions };
    save();
    draw(layout);
  });
  return false;
}

function render(): void {
  stale = false;
  toolbar.setView(state.view);
  renderStamp();
  stateArea.replaceChildren();
  const s = snapshot;
  const blocking = problem ?? (layoutError ? { kind: 'error' as const, message: layoutError, hint: 'Reload the window; if it persists, report it with the log.' } : undefined);
  if (blocking) stateArea.append(renderProblem(blocking, (command) => host.post({ type: 'command', command }), () => host.post({ type: 'refresh' })));
  else if (!s && loadingContext) stateArea.append(renderLoading(loadingContext));
  else if (s && s.nodes.length === 0) stateArea.append(renderNoTraffic(s.context));
  if (!blocking && s?.gaps) stateArea.append(renderGaps(s.gaps));
  content.hidden = !s || s.nodes.length === 0 || blocking !== undefined;
  if (!s || content.hidden) return;

  toolbar.setNamespaces(namespacesOf(s), state.filter.namespace);
  graphBox.hidden = state.view !== 'graph';
  tableBox.hidden = state.view !== 'table';
  const legend = state.view === 'graph' ? `${settings.warnBelow} ${settings.failBelow}` : '';
  if (legendBox.dataset.for !== legend) {
    legendBox.dataset.for = legend;
    legendBox.replaceChildren(...(legend ? [renderLegend(settings)] : []));
  }
  if (state.view === 'table') {
    summary.textContent = '';
    const nodes = new Map(s.nodes.map((n) => [n.id, n]));
    newTableTrends();
    keepingFocus(tableBox, () =>
      tableBox.replaceChildren(
        renderTable(applyFilter(s, state.filter).edges, nodes, state.sort, state.selected?.kind === 'edge' ? state.selected.id : undefined, settings, {
          sort: (sort) => ((state.sort = sort), save(), schedule()),
          select: (id) => ((state.selected = { kind: 'edge', id }), save(), renderSide(), markRow(id)),
          activate: (id) => activate({ kind: 'edge', id }),
          trend: (id, field) => rowTrend(history, edgeKey(id), field),
        }),
      ),
    );
    document.body.dataset.rendered = String(s.updatedAt);
    renderSide();
  } else if (!renderGraph(s)) renderSide();
}

/** The graph's shape for the layout; a hidden or unsized box gets the side bar's usual shape. */
function aspectOf(box: HTMLElement): number {
  return box.clientWidth > 0 && box.clientHeight > 0 ? box.clientWidth / box.clientHeight : 0.75;
}

function markRow(id: string): void {
  for (const r of tableBox.querySelectorAll('tr[data-id]')) r.setAttribute('aria-selected', String((r as HTMLElement).dataset.id === id));
}

host.listen(
  (m) => {
    // Which kind of message brought the data on screen: tests check that polls of an unchanged mesh are numbers only.
    if (m.type === 'snapshot' || m.type === 'numbers') document.body.dataset.update = m.type;
    switch (m.type) {
      case 'history':
        history = TrafficHistory.fromState(m.history);
        break;
      case 'snapshot':
        snapshot = m.snapshot;
        recordSnapshot(history, snapshot);
        problem = undefined;
        loadingContext = undefined;
        break;
      case 'numbers': {
        const next = snapshot && withNumbers(snapshot, m.numbers);
        // Numbers for a snapshot this page never got (it was rebuilt in between): ask for the whole one.
        if (!next) return host.post({ type: 'resync' });
        snapshot = next;
        recordSnapshot(history, next);
        problem = undefined;
        break;
      }
      case 'problem':
        problem = m.problem;
        break;
      case 'loading':
        loadingContext = m.context;
        problem = undefined;
        break;
      case 'settings':
        settings = m.settings;
        break;
      case 'paused':
        paused = m.paused;
        break;
      case 'notice':
        notice = m.notice;
        break;
    }
    // New data is the last message of the host's burst: a visible page draws it at once, so cytoscape paints it in
    // the coming frame instead of the one after (its frame callback runs before one this message would queue).
    if ((m.type === 'snapshot' || m.type === 'numbers') && document.visibilityState === 'visible') render();
    else schedule();
  },
  (data) => console.warn('Meshaware traffic panel: ignored a message that does not match the protocol', typeof data),
);
setInterval(renderStamp, 1000);
schedule();
host.post({ type: 'ready' });
