// Small inline SVG sparklines of an edge's or a workload's last 15 minutes, in the details and the table. Built
// with createElementNS and textContent only, so no cluster string is ever parsed as markup; colours come from the
// stylesheet's theme variables (.spark-rps, .spark-success, .spark-p99).
import type { HistoryField } from '../../src/shared/trafficProtocol';
import type { Series } from '../../src/core/traffic/history';
import { sparklinePath, sparklineText, type SparkSize } from './sparklinePath';

const SVG = 'http://www.w3.org/2000/svg';

/** The sparkline as an <svg role="img"> with the text alternative as its label and tooltip. */
export function renderSparkline(field: HistoryField, series: Series, size: SparkSize, window: { from: number; to: number }): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', `spark spark-${field}`);
  svg.setAttribute('width', String(size.width));
  svg.setAttribute('height', String(size.height));
  svg.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
  svg.setAttribute('role', 'img');
  const text = sparklineText(field, series);
  svg.setAttribute('aria-label', text);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = text;
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', sparklinePath(series.times, series[field], size, window.from, window.to));
  svg.append(title, path);
  return svg;
}
