import * as vscode from 'vscode';
import { BUNDLED } from '../../core/controlplane/catalog';
import { EDITOR_ACTIONS, runChecks, type CheckReport, type CheckResult } from '../../core/lifecycle/checks';
import { controlPlaneCategories } from '../../core/lifecycle/controlPlaneChecks';
import { preInstallCategories } from '../../core/lifecycle/preChecks';
import { isConnected, type ClusterService, type ClusterState } from '../cluster/clusterService';
import { VIEWS } from '../commandIds';
import { controlPlaneNamespace } from '../controlPlaneNamespace';
import { isCancelled } from '../../core/cancel';

/** Which check ran: `linkerd check --pre` (before installing) or `linkerd check` (the installed control plane). */
export type CheckKind = 'pre' | 'installed';

export const CHECK_TITLES: Record<CheckKind, string> = { pre: 'Linkerd pre-install check', installed: 'Linkerd check' };

/** The last check: where and when it ran, and what it found so far (a running check fills in as it goes). */
export interface HealthRun {
  readonly kind: CheckKind;
  readonly context: string;
  readonly at: Date;
  readonly report: CheckReport;
  readonly running: boolean;
}

export interface RunListener {
  readonly signal?: AbortSignal;
  /** Each check's description as it finishes, and a check taking long. */
  readonly report?: (message: string) => void;
}

/**
 * The Linkerd Health results, kept for the context they were taken on. A lifecycle action, a restart or a context
 * switch makes them stale, so they are taken again then, quietly (progress on the view, no notification); the
 * status bar and the Linkerd Health view show the latest.
 */
export class HealthService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<HealthRun | undefined>();
  readonly onDidChange = this.emitter.event;
  private last: HealthRun | undefined;
  private running: AbortController | undefined;
  private rechecking = false;
  private again: string | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly cluster: ClusterService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables = [this.emitter, cluster.onDidChange((s) => this.contextChanged(s))];
  }

  get current(): HealthRun | undefined {
    return this.last;
  }

  /** The last finished run, when it was taken on the context in use now. */
  forContext(context: string | undefined): HealthRun | undefined {
    return this.last && !this.last.running && this.last.context === context ? this.last : undefined;
  }

  /** Runs a check now, streaming results into the view; a run already going is cancelled (its answer is older). */
  async run(kind: CheckKind, listener: RunListener = {}): Promise<HealthRun> {
    this.running?.abort();
    const own = new AbortController();
    this.running = own;
    const signal = listener.signal ? AbortSignal.any([listener.signal, own.signal]) : own.signal;
    try {
      const client = await this.cluster.client();
      const at = new Date();
      const partial: { categoryName: string; checks: CheckResult[] }[] = [];
      const show = (running: boolean, report: CheckReport) => this.set({ kind, context: client.contextName, at, report, running });
      show(true, { success: true, categories: [] });
      const report = await runChecks(
        kind === 'pre' ? preInstallCategories(BUNDLED, controlPlaneNamespace()) : controlPlaneCategories(BUNDLED, controlPlaneNamespace()),
        { client, call: { signal }, facts: new Map(), actions: EDITOR_ACTIONS },
        {
          result: (category, r) => {
            const at = partial.at(-1)?.categoryName === category ? partial.at(-1)! : partial[partial.push({ categoryName: category, checks: [] }) - 1];
            at.checks.push(r);
            show(true, { success: partial.every((c) => c.checks.every((k) => k.result !== 'error')), categories: partial });
            listener.report?.(r.description);
          },
          slow: (_category, description, seconds) => listener.report?.(`still waiting for "${description}" (${Math.round(seconds)} s)`),
        },
      );
      show(false, report);
      return this.last!;
    } catch (e) {
      // A run that failed or was cancelled leaves no half-filled results (one replaced by a newer run leaves them to it).
      if (this.running === own && this.last?.running) this.set(undefined);
      throw e;
    } finally {
      if (this.running === own) this.running = undefined;
    }
  }

  /**
   * Takes the check again after something changed the mesh, so no result from before the change stays on show:
   * the control plane's check when Linkerd runs, the pre-install check when it does not. `always` runs it even when
   * no check was shown (after install, upgrade, rotation and uninstall, whose outcome the status bar then carries).
   */
  async recheck(reason: string, always = false): Promise<void> {
    if (!always && !this.last) return;
    // One re-check at a time; asked meanwhile, it runs once more afterwards (the cluster may have changed since).
    if (this.rechecking) {
      this.again = reason;
      return;
    }
    this.rechecking = true;
    try {
      const state = await this.cluster.refresh();
      if (!isConnected(state) || !state.linkerd) return;
      const kind: CheckKind = state.linkerd.installed ? 'installed' : 'pre';
      this.log.info(`Linkerd Health: checking ${state.context.name} again (${reason})`);
      await vscode.window.withProgress({ location: { viewId: VIEWS.health } }, () => this.run(kind));
    } catch (e) {
      if (!isCancelled(e)) this.log.warn(`Linkerd Health: the check after ${reason} failed: ${(e as Error).message}`);
    } finally {
      this.rechecking = false;
      const again = this.again;
      this.again = undefined;
      if (again) void this.recheck(again);
    }
  }

  clear(): void {
    this.running?.abort();
    this.set(undefined);
  }

  /** A shown check of another context, or of Linkerd's other state (installed or removed elsewhere), is taken again. */
  private contextChanged(s: ClusterState): void {
    if (!this.last || this.last.running || this.rechecking || !isConnected(s) || !s.linkerd) return;
    if (this.last.context !== s.context.name) void this.recheck(`context switched to ${s.context.name}`);
    else if ((this.last.kind === 'installed') !== s.linkerd.installed) void this.recheck(s.linkerd.installed ? 'Linkerd was installed' : 'Linkerd was removed');
  }

  private set(run: HealthRun | undefined): void {
    this.last = run;
    this.emitter.fire(run);
  }

  dispose(): void {
    this.running?.abort();
    for (const d of this.disposables) d.dispose();
  }
}
