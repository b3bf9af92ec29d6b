// The last 15 minutes as sparklines: three (requests, success, p99) in the details of an edge or a workload,
// and one per table row. All share the history's time axis, so lines side by side are comparable.
import { HISTORY_MS, type TrafficHistory } from '../../src/core/traffic/history';
import type { HistoryField } from '../../src/shared/trafficProtocol';
import { el } from './dom';
import { renderSparkline } from './sparkline';

const DETAILS = { width: 120, height: 22 };
const ROW = { width: 48, height: 14 };
const LABELS: Record<HistoryField, string> = { rps: 'Requests', success: 'Success', p99: 'p99' };

/** From the oldest kept poll (15 minutes back at most) to the latest, the same for every line of the page. */
function axis(history: TrafficHistory): { from: number; to: number } | undefined {
  const to = history.latest;
  const from = history.earliest;
  return to === undefined || from === undefined ? undefined : { from: Math.max(from, to - HISTORY_MS), to };
}

/** The details' "Last 15 minutes" block of one series (`edgeKey`/`nodeKey`); undefined before any poll of it. */
export function renderTrends(history: TrafficHistory, key: string, note?: string): HTMLElement | undefined {
  const series = history.get(key);
  const window = axis(history);
  if (!series || !window) return undefined;
  const fields: HistoryField[] = ['rps', 'success', 'p99'];
  return el(
    'div',
    { class: 'trends' },
    el('h3', {}, window.to - window.from >= HISTORY_MS - 60_000 ? 'Last 15 minutes' : `Since ${new Date(window.from).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`),
    el('dl', {}, ...fields.flatMap((f) => [el('dt', {}, LABELS[f]), el('dd', {}, renderSparkline(f, series, DETAILS, window))])),
    ...(note ? [el('p', { class: 'hint' }, note)] : []),
  );
}

/** A table row's sparkline of `field`, or an empty cell's nothing. */
export function rowTrend(history: TrafficHistory, key: string, field: HistoryField): SVGSVGElement | undefined {
  const series = history.get(key);
  const window = axis(history);
  return series && window ? renderSparkline(field, series, ROW, window) : undefined;
}
