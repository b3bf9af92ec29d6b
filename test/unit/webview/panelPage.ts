// Loads the real panel page (the HTML the extension serves, the bundles built from the sources) into
// Chromium, with a stand-in for the webview API that records what the page posts and saves.
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { HostToWebview, TrafficNumbers, HistoryState } from '../../../src/shared/trafficProtocol';
import { panelHtml } from '../../../src/editor/traffic/html';
import { launchChromium } from '../../harness/browser';

const root = resolve(__dirname, '../../..');

/** A subset of VS Code's variables for two themes, as the workbench puts them on <html>. */
export const THEMES = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: { '--vscode-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-sideBar-background': '#181818', '--vscode-editor-background': '#1f1f1f', '--vscode-panel-border': '#2b2b2b', '--vscode-focusBorder': '#0078d4', '--vscode-charts-green': '#89d185', '--vscode-charts-yellow': '#cca700', '--vscode-charts-red': '#f14c4c', '--vscode-charts-purple': '#b180d7', '--vscode-disabledForeground': '#8c8c8c', '--vscode-font-family': 'sans-serif', '--vscode-font-size': '13px', '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-activeSelectionForeground': '#ffffff', '--vscode-list-hoverBackground': '#2a2d2e' },
  },
  highContrast: {
    bodyClass: 'vscode-high-contrast',
    vars: { '--vscode-foreground': '#ffffff', '--vscode-descriptionForeground': '#ffffff', '--vscode-sideBar-background': '#000000', '--vscode-editor-background': '#000000', '--vscode-panel-border': '#6fc3df', '--vscode-contrastBorder': '#6fc3df', '--vscode-focusBorder': '#f38518', '--vscode-charts-green': '#89d185', '--vscode-charts-yellow': '#ffd700', '--vscode-charts-red': '#f48771', '--vscode-charts-purple': '#b180d7', '--vscode-disabledForeground': '#a5a5a5', '--vscode-font-family': 'sans-serif', '--vscode-font-size': '13px', '--vscode-list-activeSelectionBackground': '#000000', '--vscode-list-activeSelectionForeground': '#ffffff', '--vscode-list-hoverBackground': '#000000' },
  },
} as const;
export type ThemeName = keyof typeof THEMES;

export class PanelPage {
  /** Uncaught page errors and console errors (CSP violations land here), for tests to assert on. */
  readonly errors: string[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly server: Server,
    private readonly dir: string,
    readonly base: string,
  ) {}

  /** Builds the two webview bundles from source, serves them with the stylesheet, and starts Chromium. */
  static async start(): Promise<PanelPage> {
    const dir = mkdtempSync(join(tmpdir(), 'meshaware-panel-'));
    await esbuild.build({
      entryPoints: { traffic: join(root, 'webview/traffic/main.ts'), trafficLayout: join(root, 'webview/trafficLayout/main.ts') },
      outdir: dir,
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      logLevel: 'error',
    });
    const files: Record<string, string> = {
      '/traffic.js': join(dir, 'traffic.js'),
      '/trafficLayout.js': join(dir, 'trafficLayout.js'),
      '/traffic.css': join(root, 'media/webview/traffic.css'),
    };
    let base = '';
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(panelHtml({ cspSource: base, script: `${base}/traffic.js`, layoutWorker: `${base}/trafficLayout.js`, stylesheet: `${base}/traffic.css` }));
      } else if (path === '/favicon.ico') {
        res.writeHead(204).end();
      } else if (files[path]) {
        res.writeHead(200, { 'Content-Type': path.endsWith('.css') ? 'text/css' : 'text/javascript' });
        res.end(readFileSync(files[path]));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new PanelPage(await launchChromium(), server, dir, base);
  }

  /** A fresh page; `state` is what getState returns (as after the view was hidden and shown again). */
  async open(opts: { theme?: ThemeName; state?: unknown; width?: number; height?: number } = {}): Promise<Page> {
    const page = await this.browser.newPage({ viewport: { width: opts.width ?? 900, height: opts.height ?? 620 } });
    const theme = THEMES[opts.theme ?? 'dark'];
    page.on('pageerror', (e) => this.errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && this.errors.push(m.text()));
    // A string, not a function: the test runner's transpiler would add helpers the page does not have.
    await page.addInitScript(`(() => {
      const state = ${JSON.stringify(opts.state ?? null)};
      const theme = ${JSON.stringify(theme)};
      window.__posted = [];
      window.__state = state === null ? undefined : state;
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
      });
      document.addEventListener('DOMContentLoaded', () => {
        document.body.classList.add(theme.bodyClass);
        for (const [k, v] of Object.entries(theme.vars)) document.documentElement.style.setProperty(k, v);
      });
    })();`);
    await page.goto(this.base + '/');
    await PanelPage.until(page, `(window.__posted ?? []).some((m) => m.type === 'ready')`);
    return page;
  }

  static async send(page: Page, message: HostToWebview | unknown): Promise<void> {
    await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
  }

  /** A numbers message as the host posts it: its numbers in a Float64Array, which JSON cannot carry. */
  static async sendNumbers(page: Page, numbers: TrafficNumbers | undefined): Promise<void> {
    if (!numbers) throw new Error('no numbers: the two snapshots differ in more than numbers');
    await page.evaluate(PanelPage.numbersScript(numbers));
  }

  /** The page-side script that posts `numbers`, for callers that time it inside the page. */
  static numbersScript(numbers: TrafficNumbers): string {
    const { edges, edgeAuthz, authorizations, ...rest } = numbers;
    const typed = (a: Float64Array) => `new Float64Array(${JSON.stringify(Array.from(a, (v) => (Number.isNaN(v) ? null : v)))}.map((v) => (v === null ? NaN : v)))`;
    const optional = [edgeAuthz ? `edgeAuthz: ${typed(edgeAuthz)}, ` : '', authorizations ? `authorizations: ${typed(authorizations)}, ` : ''].join('');
    return `window.postMessage({ type: 'numbers', numbers: { ...${JSON.stringify(rest)}, ${optional}edges: ${typed(edges)} } }, '*')`;
  }

  /** The page-side script that posts a history message (typed arrays, which JSON cannot carry). */
  static historyScript(history: HistoryState): string {
    const list = (a: ArrayLike<number>) => JSON.stringify(Array.from(a, (v) => (Number.isNaN(v) ? null : v)));
    const typed = (kind: string, a: ArrayLike<number>) => `new ${kind}(${list(a)}.map((v) => (v === null ? NaN : v)))`;
    const { times, values, ...rest } = history;
    return `window.postMessage({ type: 'history', history: { ...${JSON.stringify(rest)}, times: ${typed('Float64Array', times)}, values: ${typed('Float32Array', values)} } }, '*')`;
  }

  static posted(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
    return page.evaluate('window.__posted');
  }

  /** Resolves once the graph has drawn the snapshot measured at `updatedAt`. */
  static async rendered(page: Page, updatedAt: number): Promise<void> {
    await PanelPage.until(page, `document.body.dataset.rendered === '${updatedAt}'`);
  }

  /**
   * Polls an expression from outside the page: Playwright's waitForFunction evaluates strings with eval
   * inside the page, which the panel's CSP (rightly) refuses.
   */
  static async until(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await page.evaluate(expression))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((r) => this.server.close(() => r()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
