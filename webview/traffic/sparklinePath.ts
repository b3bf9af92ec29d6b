// What a sparkline draws and says, free of the DOM so it is unit-tested in plain Node: the path from at most one
// point per pixel column (2,000 table rows stay cheap), and the text alternative. sparkline.ts builds the element.
import type { HistoryField } from '../../src/shared/trafficProtocol';
import type { Series } from '../../src/core/traffic/history';
import { formatLatency, formatRate, formatSuccess } from './format';

export interface SparkSize {
  readonly width: number;
  readonly height: number;
}

/**
 * The SVG path of `values` over `times`, x by time across [from, to] and y scaled to the values' own range
 * (success from its range too, so a dip from 100 % to 98 % shows). NaN breaks the line; a lone point is a dot.
 * Points that fall in the same pixel column keep the last one. Empty when there is nothing to draw.
 */
export function sparklinePath(times: readonly number[], values: readonly number[], size: SparkSize, from: number, to: number): string {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return '';
  const pad = 1;
  const h = size.height - 2 * pad;
  const span = to - from || 1;
  const x = (t: number) => Math.round(((t - from) / span) * (size.width - 2 * pad) + pad);
  const y = (v: number) => (max === min ? size.height / 2 : pad + h - ((v - min) / (max - min)) * h);
  let path = '';
  let run: { px: number; py: string }[] = [];
  // A run of one point would draw nothing: it becomes a dot (a tiny segment with a round cap).
  const flush = () => {
    if (run.length) path += run.map((p, i) => `${i ? 'L' : 'M'}${p.px} ${p.py}`).join('') + (run.length === 1 ? 'h0.5' : '');
    run = [];
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      flush();
      continue;
    }
    const point = { px: x(times[i]), py: y(v).toFixed(1) };
    if (run.length && run[run.length - 1].px === point.px) run[run.length - 1] = point;
    else run.push(point);
  }
  flush();
  return path;
}

const FORMAT: Record<HistoryField, (v: number) => string> = {
  rps: (v) => `${formatRate(v)} rps`,
  success: (v) => formatSuccess(v),
  p99: (v) => formatLatency(v),
};

const NAMES: Record<HistoryField, string> = { rps: 'requests per second', success: 'success rate', p99: 'p99 latency' };

const firstAndLast = (values: readonly number[]) => {
  const present = values.filter((v) => !Number.isNaN(v));
  return present.length ? [present[0], present[present.length - 1]] : undefined;
};

/** "rps 3.1 → 4.0 over 15 min": what the line shows, for screen readers and the tooltip. */
export function sparklineText(field: HistoryField, series: Series): string {
  const ends = firstAndLast(series[field]);
  if (!ends) return `${NAMES[field]}: no data yet`;
  const seconds = Math.round((series.times[series.times.length - 1] - series.times[0]) / 1000);
  const span = seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
  return `${NAMES[field]} ${FORMAT[field](ends[0])} → ${FORMAT[field](ends[1])} over ${span}`;
}
