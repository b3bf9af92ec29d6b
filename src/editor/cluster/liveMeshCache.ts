import * as vscode from 'vscode';
import { readLiveMesh, type LiveMesh } from '../../core/cluster/liveMesh';
import type { ClusterView } from '../../core/inject/status';
import { controlPlaneNamespace } from '../controlPlaneNamespace';
import { isConnected, type ClusterService } from './clusterService';

/** A read older than this is refreshed when a YAML editor comes into view or the window regains focus. */
const STALE_MS = 10_000;

/**
 * What the current context runs, for the lenses that compare a file with its cluster. Read after a context change,
 * after Meshaware changes the cluster, and when a manifest comes into view with a read older than ten seconds;
 * never on a timer, so an idle editor sends no requests.
 */
export class LiveMeshCache implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<LiveMesh | undefined>();
  readonly onDidChange = this.emitter.event;
  private latest: LiveMesh | undefined;
  private readAt = 0;
  private reading: Promise<LiveMesh | undefined> | undefined;
  private next: Promise<LiveMesh | undefined> | undefined;
  private generation = 0;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly cluster: ClusterService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables = [
      this.emitter,
      cluster.onDidChange((s) => {
        if (s.context?.name !== this.latest?.context) this.set(undefined);
        void this.refresh();
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.some((e) => e.document.languageId === 'yaml') && this.refreshIfStale()),
      vscode.window.onDidChangeWindowState((s) => s.focused && this.refreshIfStale()),
    ];
  }

  /** The cluster side of the lenses: undefined without a context; `live` undefined until the first read. */
  get view(): ClusterView | undefined {
    const state = this.cluster.state;
    if (!isConnected(state)) return undefined;
    const context = state.context.name;
    return { context, live: this.latest?.context === context ? this.latest : undefined };
  }

  get current(): LiveMesh | undefined {
    return this.view?.live;
  }

  refreshIfStale(): void {
    if (Date.now() - this.readAt > STALE_MS) void this.refresh();
  }

  /**
   * Reads the cluster now, one read at a time: asked while a read is going, it reads again once that one is done,
   * so the answer never predates the call (an apply just made). Failures leave the lenses with the file's side.
   */
  refresh(): Promise<LiveMesh | undefined> {
    if (!isConnected(this.cluster.state)) return Promise.resolve(undefined);
    if (this.reading) return (this.next ??= this.reading.then(() => ((this.next = undefined), this.refresh())));
    const generation = ++this.generation;
    this.reading = (async () => {
      try {
        const client = await this.cluster.client();
        const live = await readLiveMesh(client, { timeoutMs: 5000, retries: 0 }, controlPlaneNamespace());
        if (generation === this.generation) this.set(live);
        return live;
      } catch (e) {
        this.log.debug(`Reading the workloads of the cluster failed: ${(e as Error).message}`);
        return undefined;
      } finally {
        this.readAt = Date.now();
        this.reading = undefined;
      }
    })();
    return this.reading;
  }

  /** Keeps a read, and tells the lenses when anything they show changed. */
  private set(live: LiveMesh | undefined): void {
    const changed = JSON.stringify(summary(live)) !== JSON.stringify(summary(this.latest));
    this.latest = live;
    if (changed) this.emitter.fire(live);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function summary(live: LiveMesh | undefined): unknown {
  return live && [live.context, live.injector, [...live.workloads], [...live.namespaces], [...live.podsByNamespace]];
}
