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

/** What fills each row's slot once it scrolls into view; the table is rebuilt each poll, with a new observer. */
const pending = new WeakMap<Element, () => Node | undefined>();
let rows: IntersectionObserver | undefined;

/** Starts a new table: the slots of the one it replaces are no longer watched. */
export function newTableTrends(): void {
  rows?.disconnect();
  rows = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        rows?.unobserve(entry.target);
        const spark = pending.get(entry.target)?.();
        if (spark) entry.target.append(spark);
      }
    },
    { rootMargin: '200px 0px' },
  );
}

/**
 * A table row's slot for its sparkline of `field`, drawn only when the row comes into view: of 2,000 rows a side
 * bar shows a few dozen, and a poll rebuilds them all. Nothing before the edge's first poll.
 */
export function rowTrend(history: TrafficHistory, key: string, field: HistoryField): HTMLElement | undefined {
  if (!history.has(key) || !rows) return undefined;
  const slot = el('span', { class: 'spark-slot' });
  pending.set(slot, () => {
    const series = history.get(key);
    const window = axis(history);
    return series && window ? renderSparkline(field, series, ROW, window) : undefined;
  });
  rows.observe(slot);
  return slot;
}
