import * as vscode from 'vscode';
import { PANELS } from '../commandIds';
import type { ExtensionServices } from '../context';
import type { TrafficFeed } from './feed';
import { TrafficPage, type PageActions } from './trafficPage';

/**
 * Live Traffic in an editor tab, for meshes that need the room: the same page as the side view, on the same
 * feed (no second poll of the cluster), with its own selection and filters. One tab at most; opening it again
 * reveals it. Closing it stops nothing the side view needs; with both closed the feed stops polling.
 */
export class TrafficEditor implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly services: ExtensionServices,
    private readonly feed: TrafficFeed,
    private readonly actions: PageActions,
  ) {}

  open(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel(PANELS.traffic, 'Live Traffic', vscode.ViewColumn.Active);
    panel.iconPath = vscode.Uri.joinPath(this.services.context.extensionUri, 'media', 'webview', 'meshaware.svg');
    const page = new TrafficPage(panel.webview, 'editor', this.services, this.feed, this.actions, () => panel.visible);
    const state = panel.onDidChangeViewState(() => page.visibilityChanged());
    this.panel = panel;
    panel.onDidDispose(() => {
      state.dispose();
      page.dispose();
      this.panel = undefined;
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
