import * as vscode from 'vscode';
import { isCancelled } from '../../core/cancel';
import { ChangeLog } from '../../core/logging/changes';
import { recordSnapshot, snapshotValues, TrafficHistory } from '../../core/traffic/history';
import { readerFor } from '../../core/traffic/reader';
import type { PanelProblem, TrafficSnapshot } from '../../shared/trafficProtocol';
import type { ExtensionServices } from '../context';
import { controlPlaneNamespace } from '../controlPlaneNamespace';
import { Poller } from './poller';
import { toProblem } from './problems';
import { readPrometheusUrl, readSettings, readSourceSetting, SECTION } from './settings';
import { ClusterTrafficSource, type SourceRead, type TrafficSource } from './source';

/** What the one reader last has for its consumers. */
export type FeedState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly context: string }
  | { readonly kind: 'read'; readonly read: SourceRead }
  | { readonly kind: 'problem'; readonly problem: PanelProblem };

/**
 * The one reader of the cluster's traffic. The Live Traffic view, its editor tab and the policy files' live
 * numbers all take their numbers from here, so however many of them are open the cluster is polled once per
 * interval; it polls while at least one of them is visible (in a trusted workspace), and keeps the last
 * 15 minutes per edge and workload in `history`. Pause stops it for all of them.
 */
export class TrafficFeed implements vscode.Disposable {
  private readonly poller: Poller;
  private readonly demands = new Set<() => boolean>();
  private readonly updated = new vscode.EventEmitter<void>();
  private readonly pausedChanged = new vscode.EventEmitter<boolean>();
  private readonly historyChanged = new vscode.EventEmitter<void>();
  /** Fires after every change of `state` (and of `history` with it). */
  readonly onDidUpdate = this.updated.event;
  /** Fires when `history` changed between reads: a source's past was merged in. */
  readonly onDidChangeHistory = this.historyChanged.event;
  readonly onDidChangePaused = this.pausedChanged.event;
  private readonly changes: ChangeLog;
  private readonly disposables: vscode.Disposable[] = [this.updated, this.historyChanged, this.pausedChanged];
  state: FeedState = { kind: 'idle' };
  history: TrafficHistory;
  /** The context whose past was read (or is being read) into the history: once per context. */
  private pastContext: string | undefined;
  private pastRead: AbortController | undefined;

  constructor(
    private readonly services: ExtensionServices,
    private readonly onRead?: (snapshot: TrafficSnapshot) => void,
    private readonly source: TrafficSource = new ClusterTrafficSource(() => services.cluster.client(), readerFor(readSourceSetting, readPrometheusUrl), Date.now, controlPlaneNamespace),
  ) {
    const { intervalSeconds } = readSettings();
    this.history = new TrafficHistory(intervalSeconds);
    this.poller = new Poller((signal) => this.read(signal), intervalSeconds * 1000);
    this.changes = new ChangeLog((line) => services.log.info(line));
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        const interval = readSettings().intervalSeconds;
        this.poller.setInterval(interval * 1000);
        if (interval !== this.history.intervalSeconds) this.history = TrafficHistory.fromState(this.history.toState(), interval);
        this.poller.now();
      }),
      // A context switch or kubeconfig change shows at once, without waiting for the next interval; another
      // context's history is not kept.
      services.cluster.onDidChange((s) => {
        if (s.context?.name !== this.history.context) {
          this.history.clear();
          this.stopPast();
        }
        this.poller.now();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.state = { kind: 'idle' };
        this.follow();
      }),
    );
  }

  get paused(): boolean {
    return this.poller.isPaused;
  }

  /** Registers a consumer that wants reads while `active()`; call follow() whenever that may have changed. */
  demand(active: () => boolean): vscode.Disposable {
    this.demands.add(active);
    this.follow();
    return new vscode.Disposable(() => {
      this.demands.delete(active);
      this.follow();
    });
  }

  /** Polls while some consumer is active; with none, nothing stays open (the pod watch ends). */
  follow(): void {
    const wanted = vscode.workspace.isTrusted && [...this.demands].some((active) => active());
    this.poller.setVisible(wanted);
    if (wanted) return;
    this.source.close();
    this.stopPast();
  }

  refresh(): void {
    this.poller.now();
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.poller.setPaused(paused);
    this.pausedChanged.fire(paused);
  }

  private set(state: FeedState): void {
    this.state = state;
    this.updated.fire();
  }

  private async read(signal: AbortSignal): Promise<void> {
    // Only the very first read shows a spinner: later ones keep the last graph or problem until they finish.
    if (this.state.kind === 'idle') this.set({ kind: 'loading', context: this.services.cluster.state.context?.name ?? 'the cluster' });
    try {
      const read = await this.source.read(signal);
      if (signal.aborted) return;
      const { snapshot } = read;
      this.changes.note('traffic', `Live Traffic on ${snapshot.context}: reading ${snapshot.origin}`);
      if (snapshot.gaps) this.changes.note('gaps', `Live Traffic: ${snapshot.gaps.summary}`);
      else this.changes.forget('gaps');
      this.onRead?.(snapshot);
      recordSnapshot(this.history, snapshot);
      this.set({ kind: 'read', read });
      this.readPast(read);
    } catch (e) {
      if (signal.aborted || isCancelled(e)) return;
      this.changes.note('traffic', `Live Traffic stopped: ${e instanceof Error ? e.message : String(e)}`);
      this.set({ kind: 'problem', problem: toProblem(e) });
    }
  }

  /**
   * Once per context, after its first read from a source that keeps a past: that past, read in the background,
   * goes into the history before the polls' frames, so the sparklines start 15 minutes back. The live view never
   * waits for it, and a failure only leaves the history to fill poll by poll.
   */
  private readPast(read: SourceRead): void {
    const { context } = read.snapshot;
    if (!read.past || this.pastContext === context) return;
    this.stopPast();
    this.pastContext = context;
    const controller = (this.pastRead = new AbortController());
    read.past(this.history.intervalSeconds, controller.signal).then(
      (past) => {
        if (controller.signal.aborted) return;
        this.pastRead = undefined;
        if (this.history.mergePast(context, past.map((s) => ({ at: s.updatedAt, values: snapshotValues(s) })))) this.historyChanged.fire();
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        this.pastRead = undefined;
        if (!isCancelled(e)) this.services.log.debug(`Live Traffic: the last 15 minutes of ${context} were not read (${e instanceof Error ? e.message : String(e)}); the history fills poll by poll.`);
      },
    );
  }

  /** Cancels a past read still running: the next read of a context starts one again. */
  private stopPast(): void {
    if (!this.pastRead) return;
    this.pastRead.abort();
    this.pastRead = undefined;
    this.pastContext = undefined;
  }

  dispose(): void {
    this.poller.dispose();
    this.stopPast();
    this.source.close();
    for (const d of this.disposables) d.dispose();
  }
}
