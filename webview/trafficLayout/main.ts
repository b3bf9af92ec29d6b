// The layout worker: a separate bundle (dist/webview/trafficLayout.js) that the panel starts as a Web Worker.
import { layoutGraph } from './layered';
import { isLayoutRequest, type LayoutResult } from './types';

const scope = self as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage(m: LayoutResult): void };
scope.onmessage = (e) => {
  if (!isLayoutRequest(e.data)) return;
  scope.postMessage({ seq: e.data.seq, ...layoutGraph(e.data) });
};
