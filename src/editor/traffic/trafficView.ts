import * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import type { TrafficFeed } from './feed';
import { TrafficPage, type PageActions } from './trafficPage';

/** The Live Traffic view in the side bar: one page on the shared feed, reading only while the view is visible. */
export class TrafficViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private page: TrafficPage | undefined;

  constructor(
    private readonly services: ExtensionServices,
    private readonly feed: TrafficFeed,
    private readonly actions: PageActions,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.page?.dispose();
    const page = new TrafficPage(view.webview, 'view', this.services, this.feed, this.actions, () => view.visible);
    this.page = page;
    const visibility = view.onDidChangeVisibility(() => page.visibilityChanged());
    view.onDidDispose(() => {
      visibility.dispose();
      page.dispose();
      if (this.page === page) this.page = undefined;
    });
  }

  dispose(): void {
    this.page?.dispose();
  }
}
