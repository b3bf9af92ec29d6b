// The same edges as a sortable table: the keyboard- and screen-reader-friendly view of the graph.
import type { PanelSettings, TrafficEdge, TrafficNode } from '../../src/shared/trafficProtocol';
import { el } from './dom';
import { formatLatency, formatRps, formatSuccess, health, tlsText } from './format';
import { COLUMNS, nodeLabel, sortEdges, type SortState } from './table';

export interface TableCallbacks {
  sort(s: SortState): void;
  select(edgeId: string): void;
  activate(edgeId: string): void;
}

export function renderTable(
  edges: readonly TrafficEdge[],
  nodes: ReadonlyMap<string, TrafficNode>,
  sort: SortState,
  selected: string | undefined,
  settings: PanelSettings,
  cb: TableCallbacks,
): HTMLElement {
  if (edges.length === 0) return el('p', { class: 'hint' }, 'No edges match the filter.');
  const head = el(
    'tr',
    {},
    ...COLUMNS.map((c) => {
      const active = sort.column === c.id;
      const th = el('th', { scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none', class: c.numeric ? 'num' : undefined });
      const b = el('button', { type: 'button', class: 'sort', title: `Sort by ${c.title}` }, c.title + (active ? (sort.descending ? ' ▼' : ' ▲') : ''));
      b.addEventListener('click', () => cb.sort({ column: c.id, descending: active ? !sort.descending : c.numeric }));
      th.append(b);
      return th;
    }),
  );
  const rows = sortEdges(edges, sort, nodes).map((e) => {
    const lat = e.latencyMs;
    const tr = el(
      'tr',
      { 'data-id': e.id, 'aria-selected': String(e.id === selected), tabindex: '-1', class: `health-${health(e.successRate, settings)}` },
      el('td', {}, nodeLabel(nodes.get(e.source), e.source)),
      el('td', {}, nodeLabel(nodes.get(e.target), e.target)),
      el('td', { class: 'num' }, formatRps(e.requestsPerSecond)),
      el('td', { class: 'num success' }, formatSuccess(e.successRate)),
      el('td', { class: 'num' }, formatLatency(lat?.p50)),
      el('td', { class: 'num' }, formatLatency(lat?.p95)),
      el('td', { class: 'num' }, formatLatency(lat?.p99)),
      el('td', { class: 'num' }, String(e.openConnections)),
      el('td', {}, tlsText(e)),
    );
    tr.addEventListener('click', () => cb.select(e.id));
    tr.addEventListener('dblclick', () => cb.activate(e.id));
    return tr;
  });
  // One tab stop for the whole body (roving tabindex): arrows move between rows, Enter activates.
  const focusRow = rows.find((r) => r.dataset.id === selected) ?? rows[0];
  focusRow?.setAttribute('tabindex', '0');
  const body = el('tbody', {}, ...rows);
  body.addEventListener('keydown', (ev) => {
    const row = (ev.target as HTMLElement).closest('tr');
    if (!row) return;
    const i = rows.indexOf(row as HTMLTableRowElement);
    const to = ev.key === 'ArrowDown' ? rows[i + 1] : ev.key === 'ArrowUp' ? rows[i - 1] : ev.key === 'Home' ? rows[0] : ev.key === 'End' ? rows[rows.length - 1] : undefined;
    if (to) {
      row.setAttribute('tabindex', '-1');
      to.setAttribute('tabindex', '0');
      to.focus();
      cb.select(to.dataset.id ?? '');
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      cb.activate(row.dataset.id ?? '');
    } else return;
    ev.preventDefault();
  });
  // A grid: rows are selectable and walked with the arrow keys, which plain table semantics do not announce.
  return el('table', { class: 'edges', role: 'grid', 'aria-readonly': 'true', 'aria-label': `Traffic edges, ${edges.length} rows`, 'aria-rowcount': String(edges.length + 1) }, el('thead', {}, head), body);
}
