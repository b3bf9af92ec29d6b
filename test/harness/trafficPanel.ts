import type { Frame, FrameLocator, Page } from 'playwright-core';
import type { Geometry } from '../../webview/traffic/geometry';

/** The Live Traffic view's page in the workbench: a webview is two nested frames, VS Code's host frame and the page. */
export function trafficPanel(page: Page): { readonly locator: FrameLocator; frame(): Promise<Frame>; geometry(): Promise<Geometry> } {
  const host = page.frameLocator('iframe.webview.ready');
  const frame = async () => {
    const f = await host.locator('#active-frame').elementHandle().then((h) => h?.contentFrame());
    if (!f) throw new Error('the Live Traffic webview has no page');
    return f;
  };
  return {
    locator: host.frameLocator('#active-frame'),
    frame,
    // What the graph drew, in the canvas's pixels (the page's window.meshawareGraphGeometry).
    geometry: async () => (await frame()).evaluate('window.meshawareGraphGeometry()') as Promise<Geometry>,
  };
}
