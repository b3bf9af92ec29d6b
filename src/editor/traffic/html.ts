// The panel's HTML shell. Free of `vscode` so tests load exactly this page into Chromium.
import { randomBytes } from 'node:crypto';

export interface PanelAssets {
  /** The webview's `cspSource`: the origin its local resources are served from. */
  readonly cspSource: string;
  readonly script: string;
  readonly layoutWorker: string;
  readonly stylesheet: string;
  /** The side bar's view or an editor tab: the page takes that place's background. */
  readonly place?: PanelPlace;
}

export type PanelPlace = 'view' | 'editor';

/** 128 random bits: a script nonce must be unguessable, so never Math.random. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Nothing loads but our own bundle and stylesheet. `connect-src` lets the page fetch the layout worker's
 * script from the same resource origin, and `worker-src blob:` lets it start that script as a Worker.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Cytoscape injects an inline <style> unless an element with this id exists; the CSP would block it, so our
 * stylesheet takes the id and carries the one rule cytoscape wanted.
 */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

export function panelHtml(a: PanelAssets, nonce: string = makeNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(a.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="${CYTOSCAPE_STYLESHEET_ID}" href="${attr(a.stylesheet)}">
<title>Meshaware traffic</title>
</head>
<body data-layout-worker="${attr(a.layoutWorker)}" data-place="${a.place ?? 'view'}">
<script nonce="${attr(nonce)}" src="${attr(a.script)}"></script>
</body>
</html>`;
}
