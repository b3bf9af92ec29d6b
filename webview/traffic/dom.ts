// The only way the panel creates DOM: text goes in through textContent, never through HTML parsing,
// because names, identities and error messages come from the cluster.
type Attrs = Record<string, string | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Node | string)[]): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, ...children: (Node | string)[]): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLElement {
  const b = el('vscode-button', attrs, label);
  b.addEventListener('click', onClick);
  // vscode-button handles Space and Enter itself; nothing more is needed for keyboard users.
  return b;
}


/** What identifies a focused control across a rebuild: a row's data-id, or a control's text. */
function focusKey(e: Element): string {
  return e instanceof HTMLElement && e.dataset.id !== undefined ? `id:${e.dataset.id}` : `text:${e.tagName}:${e.textContent ?? ''}`;
}

/**
 * Rebuilds `container` with `rebuild` and, if the keyboard focus was inside, puts it back on the matching
 * element, so a poll arriving every few seconds never throws a keyboard user out of the table or details.
 */
export function keepingFocus(container: HTMLElement, rebuild: () => void): void {
  const active = document.activeElement;
  const key = active && container.contains(active) ? focusKey(active) : undefined;
  rebuild();
  if (key === undefined) return;
  const match = [...container.querySelectorAll<HTMLElement>('[data-id], [tabindex], vscode-button, button')].find((e) => focusKey(e) === key);
  if (!match) return;
  // A row that gets focus back must also be the one tab stop of its table.
  if (match.dataset.id !== undefined) {
    for (const r of container.querySelectorAll('tr[tabindex="0"]')) r.setAttribute('tabindex', '-1');
    match.setAttribute('tabindex', '0');
  }
  match.focus();
}
