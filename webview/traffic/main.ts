// The traffic panel's page: receives snapshots from the extension host, lays them out in a worker and
// draws the graph or the table. All state that must survive the view being hidden goes to setState.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { isSnapshot, type PanelProblem, type PanelSettings, type TrafficSnapshot } from '../../src/shared/trafficProtocol';
import { renderDetails } from './details';
import { el, keepingFocus } from './dom';
import { applyFilter, namespacesOf, type Filter } from './filter';
import { ago, type LabelMode } from './format';
import { TrafficGraph, type Selection } from './graph';
import { COLLAPSE_ABOVE_EDGES, groupNamespaces, groupPositions, isGroup, namespaceBoxes, type ViewNode } from './grouping';
import { Host } from './host';
import type { Point } from './layout';
import { LayoutClient } from './layoutClient';
import { renderLegend } from './legend';
import { renderGaps, renderLoading, renderNoTraffic, renderProblem } from './states';
import type { SortState } from './table';
import { renderTable } from './tableView';
import { onThemeChange, readTheme } from './theme';
import { Toolbar } from './toolbar';
import { plural } from '../../src/core/text/plural';

interface Persisted {
  view: 'graph' | 'table';
  /** Namespaces the user opened or closed, against the size-based default (collapsed for a big mesh). */
  expanded: string[];
  collapsed: string[];
  label: LabelMode;
  filter: Filter;
  sort: SortState;
  selected?: Selection;
  positions: Record<string, Point>;
  viewport?: { zoom: number; pan: Point };
  snapshot?: TrafficSnapshot;
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
// A state saved by an older version of the extension may hold a snapshot of another shape: drop it.
if (state.snapshot !== undefined && !isSnapshot(state.snapshot)) state.snapshot = undefined;
let settings: PanelSettings = { intervalSeconds: 5, warnBelow: 0.99, failBelow: 0.95 };
let problem: PanelProblem | undefined;
let loadingContext: string | undefined;
let paused = false;
let layoutError: string | undefined;
/** Why the last Open manifest or Add to mesh pressed here did nothing, shown under the details until the next press. */
let notice: string | undefined;
/** What the graph drew last (namespaces grouped), for the details of a collapsed namespace or a summed edge. */
let drawn: { nodes: readonly ViewNode[]; edges: readonly TrafficSnapshot['edges'][number][] } | undefined;
/** Room around a namespace's workloads inside its frame, for their labels. */
const BOX_PADDING = 40;

// Saving copies the whole state (a big mesh's snapshot is megabytes): what each poll brings is saved once per
// burst of updates, what the user changes at once.
let saveTimer: ReturnType<typeof setTimeout> | undefined;
const save = () => {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  host.save(state);
};
const saveSoon = () => void (saveTimer ??= setTimeout(save, 200));
const schedule = (() => {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  };
})();

const toolbar = new Toolbar(
  {
    namespace: (ns) => ((state.filter = { ...state.filter, namespace: ns }), save(), schedule()),
    text: (t) => ((state.filter = { ...state.filter, text: t }), save(), schedule()),
    label: (mode) => ((state.label = mode), save(), schedule()),
    toggleView: () => ((state.view = state.view === 'graph' ? 'table' : 'graph'), save(), schedule()),
    togglePause: () => host.post({ type: 'setPaused', paused: !paused }),
    refresh: () => host.post({ type: 'refresh' }),
    fit: () => graph.fit(),
  },
  { namespace: state.filter.namespace, text: state.filter.text, label: state.label },
);
const stamp = el('span', { class: 'stamp' });
// How much of a big mesh is drawn, and how to open the rest.
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
const graph = new TrafficGraph(
  graphBox,
  live,
  {
    select: (sel) => ((state.selected = sel), save(), renderSide()),
    activate: (sel) => activate(sel),
    // The namespace's frame follows a dragged workload.
    moved: (id, p) => ((state.positions[id] = p), save(), schedule()),
  },
  readTheme(),
);
if (state.viewport) graph.restoreViewport(state.viewport);
onThemeChange(() => {
  graph.setTheme(readTheme());
});
new ResizeObserver(() => graph.resize()).observe(graphBox);
window.addEventListener('pagehide', () => ((state.viewport = graph.viewport()), save()));

/** Whether a namespace is drawn as one node: the user's choice, else collapsed in a big mesh unless the search finds workloads in it. */
function isCollapsed(namespace: string, s: TrafficSnapshot): boolean {
  if (state.expanded.includes(namespace)) return false;
  if (state.collapsed.includes(namespace)) return true;
  if (s.edges.length <= COLLAPSE_ABOVE_EDGES) return false;
  const text = state.filter.text.trim().toLowerCase();
  return !(text && s.nodes.some((n) => n.namespace === namespace && `${n.namespace}/${n.kind}/${n.name}`.toLowerCase().includes(text)));
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
  const n = state.snapshot?.nodes.find((x) => x.id === sel.id);
  if (sel.kind === 'node' && n && !n.aggregate) host.post({ type: 'openManifest', workload: { kind: n.kind, name: n.name, namespace: n.namespace } });
  else {
    state.selected = sel;
    save();
    renderSide();
    details.querySelector<HTMLElement>('vscode-button')?.focus();
  }
}

function renderSide(): void {
  const s = state.snapshot;
  if (!s) return;
  const nodes = new Map<string, ViewNode>(s.nodes.map((n) => [n.id, n]));
  for (const n of drawn?.nodes ?? []) if (isGroup(n)) nodes.set(n.id, n);
  keepingFocus(details, () =>
    details.replaceChildren(
      renderDetails(state.selected, nodes, drawn?.edges ?? s.edges, settings, {
        openManifest: (workload) => host.post({ type: 'openManifest', workload }),
        addToMesh: (workload) => host.post({ type: 'addToMesh', workload }),
        setCollapsed,
      }),
      ...(notice ? [el('p', { class: 'notice', role: 'alert' }, notice)] : []),
    ),
  );
}

function renderSummary(nodes: readonly ViewNode[], total: number): void {
  const groups = nodes.filter(isGroup).length;
  summary.textContent = groups === 0 ? '' : `${nodes.length - groups} of ${plural(total, 'workload')} shown · ${plural(groups, 'namespace')} collapsed: select one and press Enter to open it`;
}

function renderStamp(): void {
  const s = state.snapshot;
  stamp.textContent = s ? `${s.context} · from ${s.origin} · updated ${ago(s.updatedAt, Date.now())}${paused ? ' · paused' : ''}` : '';
}

function render(): void {
  toolbar.setView(state.view);
  toolbar.setPaused(paused);
  renderStamp();
  stateArea.replaceChildren();
  const s = state.snapshot;
  const blocking = problem ?? (layoutError ? { kind: 'error' as const, message: layoutError, hint: 'Reload the window; if it persists, report it with the log.' } : undefined);
  if (blocking) stateArea.append(renderProblem(blocking, (command) => host.post({ type: 'command', command }), () => host.post({ type: 'refresh' })));
  else if (!s && loadingContext) stateArea.append(renderLoading(loadingContext));
  else if (s && s.nodes.length === 0) stateArea.append(renderNoTraffic(s.context));
  if (!blocking && s?.gaps) stateArea.append(renderGaps(s.gaps));
  content.hidden = !s || s.nodes.length === 0 || blocking !== undefined;
  if (!s || content.hidden) return;

  toolbar.setNamespaces(namespacesOf(s), state.filter.namespace);
  const visible = applyFilter(s, state.filter);
  graphBox.hidden = state.view !== 'graph';
  tableBox.hidden = state.view !== 'table';
  legendBox.replaceChildren(renderLegend(settings));
  if (state.view === 'table') {
    const nodes = new Map(s.nodes.map((n) => [n.id, n]));
    keepingFocus(tableBox, () => tableBox.replaceChildren(
      renderTable(visible.edges, nodes, state.sort, state.selected?.kind === 'edge' ? state.selected.id : undefined, settings, {
        sort: (sort) => ((state.sort = sort), save(), schedule()),
        select: (id) => ((state.selected = { kind: 'edge', id }), save(), renderSide(), markRow(id)),
        activate: (id) => activate({ kind: 'edge', id }),
      }),
    ));
  } else {
    // The whole snapshot is laid out, not just what the filter shows, so filtering never moves nodes.
    const snapshot = s;
    const draw = (positions: Record<string, Point>) => {
      if (state.snapshot !== snapshot) return;
      const grouped = groupNamespaces(visible, (ns) => isCollapsed(ns, snapshot));
      drawn = grouped;
      renderSummary(grouped.nodes, snapshot.nodes.length);
      const at = groupPositions(grouped.nodes, visible.nodes, positions);
      graph.update({ ...grouped, positions: at, boxes: namespaceBoxes(grouped.nodes, at, BOX_PADDING), label: state.label, settings, selected: state.selected });
      document.body.dataset.rendered = String(snapshot.updatedAt);
      renderSide();
    };
    // Placed nodes never move, so a poll that brings no new workload needs no trip to the layout worker.
    if (s.nodes.every((n) => n.id in state.positions)) draw(state.positions);
    else {
      void layouts
        .run({ nodes: s.nodes.map((n) => ({ id: n.id, namespace: n.namespace, name: n.name })), edges: s.edges.map((e) => ({ source: e.source, target: e.target })), previous: state.positions, aspect: aspectOf(graphBox) })
        .then((positions) => {
          if (state.snapshot !== snapshot) return;
          state.positions = positions;
          saveSoon();
          draw(positions);
        });
    }
  }
  renderSide();
}

/** The graph's shape for the layout; a hidden or unsized box gets a landscape default. */
function aspectOf(box: HTMLElement): number {
  return box.clientWidth > 0 && box.clientHeight > 0 ? box.clientWidth / box.clientHeight : 1.5;
}

function markRow(id: string): void {
  for (const r of tableBox.querySelectorAll('tr[data-id]')) r.setAttribute('aria-selected', String((r as HTMLElement).dataset.id === id));
}

host.listen(
  (m) => {
    switch (m.type) {
      case 'snapshot':
        state.snapshot = m.snapshot;
        problem = undefined;
        loadingContext = undefined;
        saveSoon();
        break;
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
    schedule();
  },
  (data) => console.warn('Meshaware traffic panel: ignored a message that does not match the protocol', typeof data),
);
setInterval(renderStamp, 1000);
schedule();
host.post({ type: 'ready' });
