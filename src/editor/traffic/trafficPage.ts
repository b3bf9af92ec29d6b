import * as vscode from 'vscode';
import { numbersBetween } from '../../shared/trafficNumbers';
import { isWebviewToHost, type HostToWebview, type PanelCommand, type PanelProblem, type TrafficSnapshot, type WebviewToHost } from '../../shared/trafficProtocol';
import { COMMANDS, CONTROL_PLANE_COMMANDS, TRAFFIC_COMMANDS } from '../commandIds';
import type { ExtensionServices } from '../context';
import type { TrafficHistory } from '../../core/traffic/history';
import type { TrafficFeed } from './feed';
import { panelHtml, type PanelPlace } from './html';
import type { ManifestActions } from './manifestActions';
import type { PolicyActions } from './policyActions';
import { readSettings, SECTION } from './settings';

const RESTRICTED: PanelProblem = {
  kind: 'restricted',
  message: 'Live traffic is off in Restricted Mode.',
  hint: 'Meshaware reads clusters only in workspaces you trust, so that a repository you opened cannot point it at its own data. Trust this workspace to see live traffic.',
};

/** What a page's buttons do in the workspace: open or mesh a workload's manifest, open a policy object. */
export interface PageActions {
  readonly manifests: ManifestActions;
  readonly policies: PolicyActions;
}

/**
 * One Live Traffic page (the side view's or the editor tab's) on the one feed: the same HTML, CSP and protocol
 * checks for both, its own selection and filters (saved by the page). It wants reads while `visible()`; the
 * page is rebuilt whenever it is shown again, and restores itself from its saved state plus what this sends.
 */
export class TrafficPage implements vscode.Disposable {
  /** The snapshot this page holds: the next poll of the same mesh is sent as numbers against it. */
  private shown: TrafficSnapshot | undefined;
  /** The feed's history as this page last got it: a page's copy follows the polls, not a re-framing or a merged past. */
  private sentHistory: { readonly of: TrafficHistory; readonly version: number } | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly webview: vscode.Webview,
    place: PanelPlace,
    private readonly services: ExtensionServices,
    private readonly feed: TrafficFeed,
    private readonly actions: PageActions,
    visible: () => boolean,
  ) {
    const extension = services.context.extensionUri;
    const bundles = vscode.Uri.joinPath(extension, 'dist', 'webview');
    const media = vscode.Uri.joinPath(extension, 'media', 'webview');
    webview.options = { enableScripts: true, localResourceRoots: [bundles, media] };
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      script: webview.asWebviewUri(vscode.Uri.joinPath(bundles, 'traffic.js')).toString(),
      layoutWorker: webview.asWebviewUri(vscode.Uri.joinPath(bundles, 'trafficLayout.js')).toString(),
      stylesheet: webview.asWebviewUri(vscode.Uri.joinPath(media, 'traffic.css')).toString(),
      place,
    });
    this.disposables = [
      webview.onDidReceiveMessage((m: unknown) => {
        if (isWebviewToHost(m)) void this.handle(m);
        else services.log.warn('Traffic panel: ignored a message that does not match the protocol');
      }),
      feed.onDidUpdate(() => this.update()),
      feed.onDidChangeHistory(() => this.update()),
      feed.onDidChangePaused((paused) => this.post({ type: 'paused', paused })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.post({ type: 'settings', settings: readSettings() });
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.post({ type: 'loading', context: services.cluster.state.context?.name ?? 'the cluster' })),
      feed.demand(visible),
    ];
  }

  /** The page was hidden or shown: a shown page is rebuilt, and asks for everything with `ready`. */
  visibilityChanged(): void {
    this.feed.follow();
  }

  /**
   * Sends the feed's state: numbers when only they changed since what this page holds and its history is the
   * feed's, else history and snapshot.
   */
  private update(): void {
    const s = this.feed.state;
    switch (s.kind) {
      case 'idle':
        return;
      case 'loading':
        return this.post({ type: 'loading', context: s.context });
      case 'problem':
        return this.post({ type: 'problem', problem: s.problem });
      case 'read': {
        const { snapshot } = s.read;
        const { history } = this.feed;
        const current = this.sentHistory?.of === history && this.sentHistory.version === history.version;
        const numbers = current && this.shown && numbersBetween(this.shown, snapshot);
        if (numbers) this.post({ type: 'numbers', numbers });
        else {
          this.post({ type: 'history', history: history.toState() });
          this.post({ type: 'snapshot', snapshot });
          this.sentHistory = { of: history, version: history.version };
        }
        this.shown = snapshot;
      }
    }
  }

  private async handle(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.shown = undefined;
        this.post({ type: 'settings', settings: readSettings() });
        this.post({ type: 'paused', paused: this.feed.paused });
        if (!vscode.workspace.isTrusted) this.post({ type: 'problem', problem: RESTRICTED });
        else this.update();
        this.feed.follow();
        return;
      case 'refresh':
        return this.feed.refresh();
      case 'resync':
        this.shown = undefined;
        return this.update();
      case 'setPaused':
        return void vscode.commands.executeCommand(m.paused ? TRAFFIC_COMMANDS.pause : TRAFFIC_COMMANDS.resume);
      case 'openManifest':
      case 'addToMesh':
      case 'openPolicy': {
        this.post({ type: 'notice' });
        const failed = (why: string) => this.post({ type: 'notice', notice: why });
        const { manifests, policies } = this.actions;
        await (m.type === 'openPolicy' ? policies.open(m.policy, failed) : m.type === 'openManifest' ? manifests.open(m.workload, failed) : manifests.addToMesh(m.workload, failed));
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

  private post(m: HostToWebview): void {
    void this.webview.postMessage(m);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
