// When the panel reads the cluster: only while the view is visible and not paused, one read at a time,
// the next one an interval after the last finished. Free of `vscode` so its timing is unit-tested.

export class Poller {
  private visible = false;
  private paused = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | undefined;
  private disposed = false;

  constructor(
    private readonly tick: (signal: AbortSignal) => Promise<void>,
    private intervalMs: number,
  ) {}

  get running(): boolean {
    return this.visible && !this.paused && !this.disposed;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.reschedule(true);
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.reschedule(true);
  }

  setInterval(ms: number): void {
    this.intervalMs = ms;
    this.reschedule(false);
  }

  /** Reads now (a user's Refresh or a context switch), even when paused, as long as the view is visible. */
  now(): void {
    if (!this.visible || this.disposed) return;
    this.stop();
    void this.run();
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  /** Stops everything and, if running, starts again: at once after a state change, else after an interval. */
  private reschedule(immediately: boolean): void {
    if (!immediately && this.inFlight) return;
    this.stop();
    if (!this.running) return;
    if (immediately) void this.run();
    else this.timer = setTimeout(() => void this.run(), this.intervalMs);
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private async run(): Promise<void> {
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      await this.tick(controller.signal);
    } catch {
      // The tick reports its own failures to the page; the schedule goes on so the panel recovers by itself.
    }
    if (this.inFlight !== controller) return;
    this.inFlight = undefined;
    if (this.running) this.timer = setTimeout(() => void this.run(), this.intervalMs);
  }
}
