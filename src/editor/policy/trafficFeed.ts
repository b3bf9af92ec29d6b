import * as vscode from 'vscode';
import type { TrafficModel } from '../../core/metrics/model';
import { readerFor } from '../../core/traffic/reader';
import { readTraffic } from '../../core/traffic/readTraffic';
import type { ExtensionServices } from '../context';
import { controlPlaneNamespace } from '../controlPlaneNamespace';
import { Poller } from '../traffic/poller';
import { readPrometheusUrl, readSettings, readSourceSetting, SECTION } from '../traffic/settings';

/** The kinds whose editors want live numbers (code lenses) and the impact preview. */
export const LIVE_POLICY_KINDS = new Set(['Server', 'AuthorizationPolicy', 'ServerAuthorization', 'HTTPRoute']);

/**
 * The last traffic model of the current context, for policy editors. It reads with the panel's poller and
 * source settings, and only while an editor showing a policy object is visible in a trusted workspace: a
 * hidden policy file costs no request. `latest` is undefined without a context, Linkerd or a successful read.
 */
export class PolicyTrafficFeed implements vscode.Disposable {
  private readonly poller: Poller;
  private readonly reader = readerFor(readSourceSetting, readPrometheusUrl);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  latest: { readonly context: string; readonly model: TrafficModel } | undefined;

  constructor(private readonly services: ExtensionServices) {
    this.poller = new Poller((signal) => this.read(signal), readSettings().intervalSeconds * 1000);
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.followVisibility()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.followVisibility()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && this.poller.setInterval(readSettings().intervalSeconds * 1000)),
      services.cluster.onDidChange(() => {
        if (this.latest?.context === services.cluster.state.context?.name) return;
        this.set(undefined);
        this.poller.now();
      }),
    );
    this.followVisibility();
  }

  /** True when `document` holds an object that gets live numbers. */
  shows(document: vscode.TextDocument): boolean {
    return document.languageId === 'yaml' && this.services.manifests.get(document).documents.some((d) => d.kind !== undefined && LIVE_POLICY_KINDS.has(d.kind));
  }

  private followVisibility(): void {
    this.poller.setVisible(vscode.workspace.isTrusted && vscode.window.visibleTextEditors.some((e) => this.shows(e.document)));
  }

  private async read(signal: AbortSignal): Promise<void> {
    try {
      const client = await this.services.cluster.client();
      const read = await readTraffic(client, this.reader, signal, true, controlPlaneNamespace());
      if (!signal.aborted) this.set({ context: client.contextName, model: read.model });
    } catch (e) {
      if (signal.aborted) return;
      // No context, no Linkerd or an unreachable cluster: policy editors show nothing rather than stale numbers.
      this.services.log.debug(`Policy live numbers: no traffic read (${(e as Error).message})`);
      this.set(undefined);
    }
  }

  private set(latest: PolicyTrafficFeed['latest']): void {
    if (latest === undefined && this.latest === undefined) return;
    this.latest = latest;
    this.changed.fire();
  }

  dispose(): void {
    this.poller.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
