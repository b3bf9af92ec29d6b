// Empty and error states: each says what is wrong and offers the one action that fixes it.
import type { PanelCommand, PanelProblem, TrafficGaps } from '../../src/shared/trafficProtocol';
import { button, el } from './dom';

const ACTIONS: Record<PanelProblem['kind'], { label: string; command: PanelCommand } | undefined> = {
  noContext: { label: 'Select Kubernetes Context', command: 'selectContext' },
  unreachable: { label: 'Select Kubernetes Context', command: 'selectContext' },
  noLinkerd: { label: 'Install Linkerd', command: 'installLinkerd' },
  prometheusUnreachable: { label: 'Traffic Settings', command: 'openSettings' },
  proxiesUnreadable: { label: 'Traffic Settings', command: 'openSettings' },
  tooManyProxies: { label: 'Traffic Settings', command: 'openSettings' },
  forbidden: { label: 'Select Kubernetes Context', command: 'selectContext' },
  restricted: { label: 'Manage Workspace Trust', command: 'manageTrust' },
  error: undefined,
};

export function renderProblem(p: PanelProblem, run: (c: PanelCommand) => void, retry: () => void): HTMLElement {
  const action = ACTIONS[p.kind];
  const buttons = el('div', { class: 'actions' });
  if (action) buttons.append(button(action.label, () => run(action.command)));
  buttons.append(button('Retry', retry, { secondary: '' }), button('Show Log', () => run('showLog'), { secondary: '' }));
  return el('div', { class: 'state', role: 'alert', 'data-problem': p.kind }, el('h2', {}, p.message), el('p', {}, p.hint), buttons);
}

export function renderLoading(context: string): HTMLElement {
  return el('div', { class: 'state', role: 'status' }, el('vscode-progress-ring', { 'aria-label': 'Loading' }), el('p', {}, `Reading traffic from ${context}…`));
}

/** Above a graph drawn from incomplete data: how much is missing, why, and what to do. */
export function renderGaps(g: TrafficGaps): HTMLElement {
  const list = el('ul', {}, ...g.pods.map((p) => el('li', {}, `${p.namespace}/${p.name}: ${p.reason}`)));
  return el('div', { class: 'gaps', role: 'status' }, el('p', {}, `⚠ ${g.summary}`), el('p', { class: 'hint' }, g.hint), el('details', {}, el('summary', {}, 'Pods not read'), list));
}

export function renderNoTraffic(context: string): HTMLElement {
  return el(
    'div',
    { class: 'state', role: 'status' },
    el('h2', {}, `No meshed traffic in ${context} yet`),
    el('p', {}, 'Edges appear once meshed workloads talk to each other. Add workloads to the mesh from their manifests, then send some requests.'),
  );
}
