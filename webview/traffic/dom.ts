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

export function clear(e: Element): void {
  e.replaceChildren();
}
