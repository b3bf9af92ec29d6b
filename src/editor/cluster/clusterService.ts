import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ClusterSession } from '../../core/cluster/session';
import { ClusterError } from '../../core/cluster/errors';
import { detectLinkerd, type LinkerdPresence } from '../../core/cluster/workloads';
import type { ContextInfo } from '../../core/cluster/kubeconfig';
import type { LocalVerdict } from '../../core/cluster/localCluster';
import type { ClusterClient } from '../../core/cluster/client';
import { certificateExpiry } from '../../core/controlplane/certs/expiry';
import { readClusterIdentity } from '../../core/lifecycle/clusterIdentity';
import { withoutUrlCredentials } from '../../core/cluster/credentials';
import { affectsControlPlaneNamespace, controlPlaneNamespace } from '../controlPlaneNamespace';

/** What the status bar and commands show about the cluster in use. */
export interface ClusterState {
  readonly context?: ContextInfo;
  readonly verdict?: LocalVerdict;
  readonly linkerd?: LinkerdPresence;
  /** Days until the identity certificates expire, when Linkerd is installed and readable. */
  readonly expiry?: { readonly anchorDays: number; readonly issuerDays: number };
  readonly error?: string;
}

/** A context is selected and answered its last check: the cluster's side of lenses, menus and views applies. */
export function isConnected(s: ClusterState): s is ClusterState & { readonly context: ContextInfo } {
  return s.context !== undefined && !s.error;
}

/**
 * The editor's view of the user's clusters: the kubeconfig (re-read when its files change on disk),
 * the chosen context and whether Linkerd runs there. Nothing is loaded until first asked.
 */
export class ClusterService implements vscode.Disposable {
  readonly session: ClusterSession;
  private readonly emitter = new vscode.EventEmitter<ClusterState>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private watched = '';
  private latest: ClusterState = {};

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly memento: vscode.Memento,
  ) {
    this.session = new ClusterSession(log);
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => affectsControlPlaneNamespace(e) && this.latest.context && void this.refresh()));
  }

  get state(): ClusterState {
    return this.latest;
  }

  /** Reloads the kubeconfig and re-checks the current context; never throws (errors become state). */
  async refresh(): Promise<ClusterState> {
    try {
      await this.session.reload();
      const remembered = this.memento.get<string>(CONTEXT_KEY);
      const config = await this.session.kubeconfig();
      if (remembered && config.contexts.some((c) => c.name === remembered)) await this.session.useContext(remembered);
      this.watchFiles();
      const context = await this.session.currentContext();
      if (!context) return this.publish({ error: 'No Kubernetes context' });
      const verdict = this.session.verdict(context);
      this.publish({ context, verdict });
      const client = await this.session.client();
      const call = { timeoutMs: 5000, retries: 0 };
      const linkerd = await detectLinkerd(client, controlPlaneNamespace(), call);
      const identity = linkerd.installed ? await readClusterIdentity(client, linkerd.namespace, call).catch(() => undefined) : undefined;
      const expiry = identity && { anchorDays: certificateExpiry(identity.trustAnchorsPem).daysLeft, issuerDays: certificateExpiry(identity.issuer.certPem).daysLeft };
      return this.publish({ context, verdict, linkerd, expiry });
    } catch (e) {
      const message = withoutUrlCredentials(e instanceof ClusterError ? e.message : e instanceof Error ? e.message : String(e));
      this.log.warn(`Cluster check failed: ${message}`);
      return this.publish({ ...this.latest, linkerd: undefined, error: message });
    }
  }

  async useContext(name: string): Promise<void> {
    await this.session.useContext(name);
    await this.memento.update(CONTEXT_KEY, name);
    await this.refresh();
  }

  client(): Promise<ClusterClient> {
    return this.session.client();
  }

  private publish(state: ClusterState): ClusterState {
    this.latest = state;
    this.emitter.fire(state);
    return state;
  }

  /**
   * Watches every kubeconfig file, so `kind create cluster` or a context switch elsewhere shows up at once.
   * Node's watcher on the parent folder, not VS Code's: the files live outside the workspace, on the extension
   * host's machine, and tools replace them by rename, which a watch on the file itself would miss.
   */
  private watchFiles(): void {
    const files = [...this.session.watchedFiles];
    const key = files.join('\n');
    if (key === this.watched) return;
    this.watched = key;
    this.disposeWatchers();
    let timer: NodeJS.Timeout | undefined;
    const reload = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.refresh(), 200);
    };
    for (const dir of new Set(files.map((f) => path.dirname(f)))) {
      const names = new Set(files.filter((f) => path.dirname(f) === dir).map((f) => path.basename(f)));
      try {
        const watcher = fs.watch(dir, (_event, name) => {
          if (name === null || names.has(name.toString())) reload();
        });
        watcher.on('error', (e) => this.log.warn(`Stopped watching ${dir} for kubeconfig changes: ${e.message}`));
        this.watchers.push({ dispose: () => watcher.close() });
      } catch (e) {
        this.log.debug(`Not watching ${dir} (${(e as Error).message}); kubeconfig changes there need "Meshaware: Refresh Cluster Status".`);
      }
    }
    this.watchers.push({ dispose: () => clearTimeout(timer) });
  }

  private readonly watchers: vscode.Disposable[] = [];

  private disposeWatchers(): void {
    for (const d of this.watchers.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposeWatchers();
    for (const d of this.disposables) d.dispose();
  }
}

const CONTEXT_KEY = 'meshaware.cluster.context';
