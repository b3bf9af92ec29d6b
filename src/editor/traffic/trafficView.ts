import * as vscode from 'vscode';
import { numbersBetween } from '../../shared/trafficNumbers';
import { isWebviewToHost, type HostToWebview, type PanelCommand, type PanelProblem, type TrafficSnapshot, type WebviewToHost } from '../../shared/trafficProtocol';
import { COMMANDS, CONTEXT_KEYS, CONTROL_PLANE_COMMANDS } from '../commandIds';
import type { ExtensionServices } from '../context';
import { panelHtml } from './html';
import type { ManifestActions } from './manifestActions';
import type { PolicyActions } from './policyActions';
import { Poller } from './poller';
import { toProblem } from './problems';
import { readSettings, SECTION } from './settings';
import type { TrafficSource } from './source';
import { isCancelled } from '../../core/cancel';

const RESTRICTED: PanelProblem = {
  kind: 'restricted',
  message: 'Live traffic is off in Restricted Mode.',
  hint: 'Meshaware reads clusters only in workspaces you trust, so that a repository you opened cannot point it at its own data. Trust this workspace to see live traffic.',
};

/**
 * The Live traffic view. Reads the cluster only while the view is visible (and not paused); the page is
 * rebuilt each time the view is shown, and restores itself from its saved state plus the last message here.
 */
export class TrafficViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly poller: Poller;
  /** The last snapshot or problem, replayed to a page that was rebuilt. */
  private last: HostToWebview | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly services: ExtensionServices,
    private readonly source: TrafficSource,
    private readonly actions: ManifestActions,
    private readonly policies: PolicyActions,
  ) {
    this.poller = new Poller((signal) => this.read(signal), readSettings().intervalSeconds * 1000);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        const settings = readSettings();
        this.poller.setInterval(settings.intervalSeconds * 1000);
        this.post({ type: 'settings', settings });
        this.poller.now();
      }),
      // A context switch or kubeconfig change shows at once, without waiting for the next interval.
      services.cluster.onDidChange(() => this.poller.now()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.last = undefined;
        this.post({ type: 'loading', context: services.cluster.state.context?.name ?? 'the cluster' });
        this.followVisibility();
      }),
    );
  }

  /** Reads only while the view is visible, and never in Restricted Mode (see whenTrusted); hidden, nothing stays open. */
  private followVisibility(): void {
    const visible = (this.view?.visible ?? false) && vscode.workspace.isTrusted;
    this.poller.setVisible(visible);
    if (!visible) this.source.close();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const extension = this.services.context.extensionUri;
    const bundles = vscode.Uri.joinPath(extension, 'dist', 'webview');
    const media = vscode.Uri.joinPath(extension, 'media', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [bundles, media] };
    view.webview.html = panelHtml({
      cspSource: view.webview.cspSource,
      script: view.webview.asWebviewUri(vscode.Uri.joinPath(bundles, 'traffic.js')).toString(),
      layoutWorker: view.webview.asWebviewUri(vscode.Uri.joinPath(bundles, 'trafficLayout.js')).toString(),
      stylesheet: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'traffic.css')).toString(),
    });
    const subs = [
      view.webview.onDidReceiveMessage((m: unknown) => {
        if (isWebviewToHost(m)) void this.handle(m);
        else this.services.log.warn('Traffic panel: ignored a message that does not match the protocol');
      }),
      view.onDidChangeVisibility(() => this.followVisibility()),
    ];
    view.onDidDispose(() => {
      for (const s of subs) s.dispose();
      this.poller.setVisible(false);
      this.source.close();
      if (this.view === view) this.view = undefined;
    });
  }

  refresh(): void {
    this.poller.now();
  }

  /** From the page's button or the view's title bar; the context key swaps the title bar's Pause and Resume. */
  setPaused(paused: boolean): void {
    this.poller.setPaused(paused);
    this.post({ type: 'paused', paused });
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.trafficPaused, paused);
  }

  private async handle(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.post({ type: 'settings', settings: readSettings() });
        this.post({ type: 'paused', paused: this.poller.isPaused });
        if (!vscode.workspace.isTrusted) this.post({ type: 'problem', problem: RESTRICTED });
        else if (this.last) this.post(this.last);
        this.followVisibility();
        return;
      case 'refresh':
        return this.poller.now();
      case 'resync':
        if (this.last) this.post(this.last);
        return;
      case 'setPaused':
        return this.setPaused(m.paused);
      case 'openManifest':
      case 'addToMesh':
      case 'openPolicy': {
        this.post({ type: 'notice' });
        const failed = (why: string) => this.post({ type: 'notice', notice: why });
        await (m.type === 'openPolicy' ? this.policies.open(m.policy, failed) : m.type === 'openManifest' ? this.actions.open(m.workload, failed) : this.actions.addToMesh(m.workload, failed));
        return;
      }
      case 'command':
        return this.run(m.command);
    }
  }

  private async run(command: PanelCommand): Promise<void> {
    switch (command) {
      case 'selectContext':
        await vscode.commands.executeCommand(COMMANDS.selectContext);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
        return;
      case 'showLog':
        this.services.log.show(true);
        return;
      case 'manageTrust':
        await vscode.commands.executeCommand('workbench.trust.manage');
        return;
      case 'installLinkerd': {
        // Linkerd is found absent only by reading the cluster, which needs a trusted workspace, where the
        // control-plane commands are registered too.
        await vscode.commands.executeCommand(CONTROL_PLANE_COMMANDS.install);
        return;
      }
    }
  }

  private async read(signal: AbortSignal): Promise<void> {
    // Only the very first read shows a spinner: later ones keep the last graph or problem until they finish.
    if (!this.last) this.post({ type: 'loading', context: this.services.cluster.state.context?.name ?? 'the cluster' });
    try {
      const snapshot = await this.source.read(signal);
      if (signal.aborted) return;
      this.publishSnapshot(snapshot);
    } catch (e) {
      if (signal.aborted || isCancelled(e)) return;
      this.publish({ type: 'problem', problem: toProblem(e) });
    }
  }

  /**
   * When only the numbers changed since the snapshot the page has, only they are sent (a big mesh's snapshot is
   * megabytes); the whole snapshot is kept to replay to a rebuilt page.
   */
  private publishSnapshot(snapshot: TrafficSnapshot): void {
    const before = this.last?.type === 'snapshot' ? this.last.snapshot : undefined;
    const numbers = before && numbersBetween(before, snapshot);
    this.last = { type: 'snapshot', snapshot };
    this.post(numbers ? { type: 'numbers', numbers } : this.last);
  }

  private publish(m: HostToWebview): void {
    this.last = m;
    this.post(m);
  }

  private post(m: HostToWebview): void {
    void this.view?.webview.postMessage(m);
  }

  dispose(): void {
    this.poller.dispose();
    this.source.close();
    for (const d of this.disposables) d.dispose();
  }
}
