// The Routes part of a workload's details: each HTTPRoute/GRPCRoute (or default route) its proxies reported,
// served (inbound, under a Server) and called (outbound, to a Service), with rate, success and p99: the columns
// `linkerd viz stat` leads with, which fit a side bar; p50 and p95 are in the p99 cell's tooltip.
import type { TrafficRoute } from '../../src/shared/trafficProtocol';
import { el } from './dom';
import { formatLatency, formatRps, formatSuccess } from './format';

const DIRECTIONS: readonly [TrafficRoute['direction'], string][] = [
  ['inbound', 'Routes served'],
  ['outbound', 'Routes called'],
];

function routeTable(caption: string, rows: readonly TrafficRoute[]): HTMLElement {
  const head = el('tr', {}, ...['RPS', 'SR', 'P99'].map((h) => el('th', { scope: 'col' }, h)));
  // Each route is a row group: its name and parent on a line of their own (they are long, and a side bar is
  // narrow), its numbers under them in the columns.
  const groups = rows.map((r) =>
    el(
      'tbody',
      {},
      el('tr', { class: 'route' }, el('th', { scope: 'rowgroup', colspan: '3' }, `${r.route} · ${r.parent}`)),
      el(
        'tr',
        {},
        el('td', { class: 'num' }, formatRps(r.requestsPerSecond)),
        el('td', { class: 'num' }, formatSuccess(r.successRate)),
        el('td', { class: 'num', title: `p50 ${formatLatency(r.latencyMs.p50)} · p95 ${formatLatency(r.latencyMs.p95)} · p99 ${formatLatency(r.latencyMs.p99)}` }, formatLatency(r.latencyMs.p99)),
      ),
    ),
  );
  return el('table', { class: 'routes' }, el('caption', {}, caption), el('thead', {}, head), ...groups);
}

/** Nothing when the workload's proxies reported no route traffic. */
export function renderRoutes(workload: string, routes: readonly TrafficRoute[]): HTMLElement[] {
  const own = routes.filter((r) => r.workload === workload);
  if (own.length === 0) return [];
  const tables = DIRECTIONS.flatMap(([direction, caption]) => {
    const rows = own.filter((r) => r.direction === direction).sort((a, b) => b.requestsPerSecond - a.requestsPerSecond);
    return rows.length ? [routeTable(caption, rows)] : [];
  });
  return [el('section', { 'aria-label': 'Routes', class: 'routes' }, el('h3', {}, 'Routes'), ...tables)];
}
