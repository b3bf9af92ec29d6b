// Filters, label mode and the view switch, as VS Code-styled controls. Pause and Refresh are in the view's
// title bar, where VS Code puts a view's actions, and not repeated here.
import { button, el } from './dom';
import type { LabelMode } from './format';

export interface ToolbarCallbacks {
  namespace(ns: string): void;
  text(t: string): void;
  label(mode: LabelMode): void;
  toggleView(): void;
  fit(): void;
}

interface SelectElement extends HTMLElement {
  value: string;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly namespaceSelect: SelectElement;
  private readonly labelSelect: SelectElement;
  private readonly viewButton: HTMLElement;
  private readonly fitButton: HTMLElement;
  private namespaces = '';

  constructor(cb: ToolbarCallbacks, initial: { namespace: string; text: string; label: LabelMode }) {
    this.namespaceSelect = el('vscode-single-select', { 'aria-label': 'Namespace', title: 'Show edges with either end in this namespace' }) as SelectElement;
    this.namespaceSelect.addEventListener('change', () => cb.namespace(this.namespaceSelect.value));
    const text = el('vscode-textfield', { placeholder: 'Filter workloads', 'aria-label': 'Filter workloads by name', value: initial.text }) as SelectElement;
    text.addEventListener('input', () => cb.text(text.value));
    this.labelSelect = el(
      'vscode-single-select',
      { 'aria-label': 'Edge labels', title: 'What edge labels show' },
      el('vscode-option', { value: 'rps' }, 'Requests/s'),
      el('vscode-option', { value: 'success' }, 'Success rate'),
      el('vscode-option', { value: 'latency' }, 'Latency p95'),
    ) as SelectElement;
    this.labelSelect.value = initial.label;
    this.labelSelect.addEventListener('change', () => cb.label(this.labelSelect.value as LabelMode));
    this.viewButton = button('Table', cb.toggleView, { secondary: '' });
    this.fitButton = button('Fit', cb.fit, { secondary: '', title: 'Fit the graph to the view' });
    // Two rows in a side bar (the search and the view's buttons, then the two choices), one when wide.
    this.element = el(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Traffic view controls' },
      el('div', { class: 'row' }, text, this.viewButton, this.fitButton),
      el('div', { class: 'row' }, this.namespaceSelect, this.labelSelect),
    );
    this.setNamespaces([], initial.namespace);
  }

  /** Rebuilds the namespace options only when the set of namespaces changed, so an open list is not reset. */
  setNamespaces(list: readonly string[], selected: string): void {
    const key = list.join('\n');
    const rebuild = key !== this.namespaces || this.namespaceSelect.childElementCount === 0;
    if (rebuild) {
      this.namespaces = key;
      const all = ['', ...list, ...(selected && !list.includes(selected) ? [selected] : [])];
      this.namespaceSelect.replaceChildren(...all.map((ns) => el('vscode-option', { value: ns }, ns || 'All namespaces')));
    }
    // Setting the value, even to the same one, redraws the control: on every poll, that is.
    if (rebuild || this.namespaceSelect.value !== selected) this.namespaceSelect.value = selected;
  }

  setView(view: 'graph' | 'table'): void {
    this.viewButton.textContent = view === 'graph' ? 'Table' : 'Graph';
    this.viewButton.setAttribute('title', view === 'graph' ? 'Show the edges as a table' : 'Show the graph');
    this.fitButton.hidden = view !== 'graph';
    this.labelSelect.hidden = view !== 'graph';
  }
}
