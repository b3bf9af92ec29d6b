// The same edges as a sortable table, numbers first as `linkerd viz stat` prints them: the keyboard- and
// screen-reader-friendly view of the graph. The selected edge's other numbers are in the details below.
import type { HistoryField, PanelSettings, PanelEdge, PanelNode } from '../../src/shared/trafficProtocol';
import { el } from './dom';
import { deniedParts, formatLatency, formatRate, formatSuccess, health, isDenied } from './format';
import { COLUMNS, nodeLabel, sortEdges, type SortState } from './table';

export interface TableCallbacks {
  sort(s: SortState): void;
  select(edgeId: string): void;
  activate(edgeId: string): void;
  /** An edge's sparkline of `field` over the last 15 minutes, or nothing before its first poll. */
  trend?(edgeId: string, field: HistoryField): Node | undefined;
}

/**
 * Denied requests per second (and connections, in conn/s), marked ⊘ when there are any; '–' when the proxies
 * counted no authorizations.
 */
function deniedCell(e: PanelEdge): HTMLElement {
  if (e.deniedRps === undefined && e.deniedCps === undefined) return el('td', { class: 'num denied', 'aria-label': 'no authorization counts' }, '–');
  if (!isDenied(e)) return el('td', { class: 'num denied', 'aria-label': 'none denied' }, e.deniedRps === undefined ? '0 conn/s' : formatRate(e.deniedRps));
  const { requests, connections } = deniedParts(e);
  const spoken = [requests && `${requests} requests per second`, connections && `${connections} connections per second`].filter(Boolean).join(' and ');
  return el('td', { class: 'num denied', 'aria-label': `${spoken} denied by policy` }, `⊘ ${[requests, connections && `${connections} conn/s`].filter(Boolean).join(' + ')}`);
}

/** A row's sparkline draws what the table is sorted by, or requests when sorted by name or denials. */
const TREND_OF: Record<SortState['column'], HistoryField> = { target: 'rps', rps: 'rps', success: 'success', p99: 'p99', denied: 'rps' };

export function renderTable(
  edges: readonly PanelEdge[],
  nodes: ReadonlyMap<string, PanelNode>,
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
      const th = el('th', { scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none', class: c.numeric ? 'num' : undefined, abbr: c.description });
      const b = el('button', { type: 'button', class: 'sort', title: `${c.description}: sort by it` }, c.title + (active ? (sort.descending ? ' ▼' : ' ▲') : ''));
      b.addEventListener('click', () => cb.sort({ column: c.id, descending: active ? !sort.descending : c.numeric }));
      th.append(b);
      return th;
    }),
  );
  const rows = sortEdges(edges, sort, nodes).map((e) => {
    const src = nodeLabel(nodes.get(e.source), e.source);
    const dst = nodeLabel(nodes.get(e.target), e.target);
    const tr = el(
      'tr',
      { 'data-id': e.id, 'aria-selected': String(e.id === selected), tabindex: '-1', class: `health-${health(e.successRate, settings)}${isDenied(e) ? ' denied' : ''}` },
      el(
        'td',
        { class: 'edge', title: `${src} → ${dst}` },
        el('span', { class: 'dst' }, nodes.get(e.target)?.name ?? e.target),
        el('span', { class: 'src' }, `← ${nodes.get(e.source)?.name ?? e.source}`),
        // Beside the names, which give it room by shortening: a side bar has no width for another column.
        ...[cb.trend?.(e.id, TREND_OF[sort.column])].filter((t) => t !== undefined),
      ),
      el('td', { class: 'num' }, formatRate(e.requestsPerSecond)),
      el('td', { class: 'num success' }, formatSuccess(e.successRate)),
      el('td', { class: 'num' }, formatLatency(e.latencyMs?.p99)),
      deniedCell(e),
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
