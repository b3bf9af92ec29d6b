// The page's side of the protocol: typed sending, checked receiving, and the persisted view state.
import { isHostToWebview, type HostToWebview, type WebviewToHost } from '../../src/shared/trafficProtocol';

interface VsCodeApi<S> {
  postMessage(message: WebviewToHost): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

export class Host<S> {
  private readonly api: VsCodeApi<S> = acquireVsCodeApi<S>();

  post(message: WebviewToHost): void {
    this.api.postMessage(message);
  }

  state(): S | undefined {
    return this.api.getState();
  }

  save(state: S): void {
    this.api.setState(state);
  }

  /** Only messages that pass the protocol check reach the handler; anything else is dropped and counted. */
  listen(handler: (m: HostToWebview) => void, rejected: (data: unknown) => void): void {
    window.addEventListener('message', (e: MessageEvent) => {
      if (isHostToWebview(e.data)) handler(e.data);
      else rejected(e.data);
    });
  }
}
