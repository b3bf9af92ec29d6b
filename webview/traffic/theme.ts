// Colours for the canvas, read from VS Code's --vscode-* variables; the canvas cannot use CSS variables
// itself, so the graph re-reads them whenever VS Code switches theme (it changes the body's class).

export interface Theme {
  readonly foreground: string;
  readonly muted: string;
  readonly background: string;
  readonly border: string;
  readonly focus: string;
  readonly ok: string;
  readonly warn: string;
  readonly fail: string;
  readonly idle: string;
  /** Requests denied by policy: a colour of its own, apart from the health scale. */
  readonly denied: string;
  readonly fontFamily: string;
  readonly highContrast: boolean;
}

function v(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readTheme(): Theme {
  const s = getComputedStyle(document.body);
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const foreground = v(s, '--vscode-foreground', '#cccccc');
  return {
    foreground,
    muted: v(s, '--vscode-descriptionForeground', foreground),
    // An editor tab (data-place="editor") has the editor's background, the side bar its own.
    background: document.body.dataset.place === 'editor' ? v(s, '--vscode-editor-background', '#1e1e1e') : v(s, '--vscode-sideBar-background', v(s, '--vscode-editor-background', '#1e1e1e')),
    border: highContrast ? v(s, '--vscode-contrastBorder', foreground) : v(s, '--vscode-panel-border', '#80808059'),
    focus: v(s, '--vscode-focusBorder', '#007fd4'),
    ok: v(s, '--vscode-charts-green', '#89d185'),
    warn: v(s, '--vscode-charts-yellow', '#cca700'),
    fail: v(s, '--vscode-charts-red', '#f14c4c'),
    idle: v(s, '--vscode-disabledForeground', '#808080'),
    denied: v(s, '--vscode-charts-purple', '#b180d7'),
    fontFamily: v(s, '--vscode-font-family', 'sans-serif'),
    highContrast,
  };
}

/** Calls back when VS Code changes the theme (body class or the inline variables on <html>). */
export function onThemeChange(callback: () => void): void {
  const observer = new MutationObserver(() => callback());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
