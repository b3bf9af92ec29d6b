// The layout worker: a separate bundle (dist/webview/trafficLayout.js) that the panel starts as a Web Worker.
import { isLayoutRequest, layout, type LayoutResult } from '../traffic/layout';

const scope = self as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage(m: LayoutResult): void };
scope.onmessage = (e) => {
  if (!isLayoutRequest(e.data)) return;
  scope.postMessage({ seq: e.data.seq, positions: layout(e.data) });
};
