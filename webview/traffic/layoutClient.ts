// Runs the layout in a Web Worker. Webview resources are served from another origin, which a Worker
// cannot start from, so the script is fetched and started from a blob: URL (the CSP allows worker-src blob:).
import type { Layout, LayoutRequest, LayoutResult } from '../trafficLayout/types';

export class LayoutClient {
  private worker: Promise<Worker> | undefined;
  private started: Worker | undefined;
  private seq = 0;
  private readonly waiting = new Map<number, (layout: Layout) => void>();

  constructor(
    private readonly scriptUrl: string,
    private readonly failed: (message: string) => void,
  ) {}

  /** Resolves with the layout; a newer request supersedes older ones (they never resolve). */
  run(req: Omit<LayoutRequest, 'seq'>): Promise<Layout> {
    const full: LayoutRequest = { ...req, seq: ++this.seq };
    for (const k of [...this.waiting.keys()]) if (k < full.seq) this.waiting.delete(k);
    return new Promise((resolve) => {
      this.waiting.set(full.seq, resolve);
      // Posted now when the worker is running, so that it lays out while the page goes on with its own work.
      if (this.started) this.started.postMessage(full);
      else {
        this.start().then(
          (w) => w.postMessage(full),
          (e: unknown) => this.failed(`The graph layout could not start: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
    });
  }

  /** Starts the worker before the first snapshot arrives, so the first layout does not wait for it. */
  warmUp(): void {
    this.start().catch((e: unknown) => this.failed(`The graph layout could not start: ${e instanceof Error ? e.message : String(e)}`));
  }

  private start(): Promise<Worker> {
    this.worker ??= fetch(this.scriptUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`${r.status} for the layout script`);
        return r.blob();
      })
      .then((b) => {
        const w = new Worker(URL.createObjectURL(new Blob([b], { type: 'text/javascript' })));
        w.onmessage = (e: MessageEvent<LayoutResult>) => {
          const done = this.waiting.get(e.data.seq);
          this.waiting.delete(e.data.seq);
          done?.(e.data);
        };
        w.onerror = (e) => this.failed(`The graph layout failed: ${e.message}`);
        this.started = w;
        return w;
      });
    return this.worker;
  }
}
