// The legend: what colours and line styles mean, with the thresholds in force.
import type { PanelSettings } from '../../src/shared/trafficProtocol';
import { el } from './dom';

export function renderLegend(s: PanelSettings): HTMLElement {
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const item = (cls: string, text: string) => el('li', {}, el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);
  return el(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    item('ok', `success ≥ ${pct(s.warnBelow)}`),
    item('warn', `${pct(s.failBelow)} – ${pct(s.warnBelow)}`),
    item('fail', `< ${pct(s.failBelow)}`),
    item('idle', 'no requests'),
    item('line secured', 'solid: mTLS'),
    item('line plain', '⚠ dashed: not mTLS'),
    item('line denied', '⊘ dotted, ⊣ end: requests or connections denied by policy'),
    item('unmeshed', 'square: not meshed'),
  );
}
