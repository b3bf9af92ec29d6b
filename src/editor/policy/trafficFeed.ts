import * as vscode from 'vscode';
import type { TrafficModel } from '../../core/metrics/model';
import type { ExtensionServices } from '../context';
import type { TrafficFeed } from '../traffic/feed';

/** The kinds whose editors want live numbers (code lenses) and the impact preview. */
export const LIVE_POLICY_KINDS = new Set(['Server', 'AuthorizationPolicy', 'ServerAuthorization', 'HTTPRoute']);

/**
 * The last traffic model of the current context, for policy editors. It takes the model from the one traffic
 * feed the Live Traffic view reads too, and asks it to poll while an editor showing a policy object is visible:
 * a hidden policy file costs no request, and an open view costs no second one. `latest` is undefined without a
 * context, Linkerd or a successful read.
 */
export class PolicyTrafficFeed implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  latest: { readonly context: string; readonly model: TrafficModel } | undefined;

  constructor(
    private readonly services: ExtensionServices,
    feed: TrafficFeed,
  ) {
    this.disposables.push(
      feed.demand(() => vscode.window.visibleTextEditors.some((e) => this.shows(e.document))),
      vscode.window.onDidChangeVisibleTextEditors(() => feed.follow()),
      feed.onDidUpdate(() => {
        const s = feed.state;
        if (s.kind === 'read') this.set({ context: s.read.snapshot.context, model: s.read.model });
        // No context, no Linkerd or an unreachable cluster: policy editors show nothing rather than stale numbers.
        else if (s.kind === 'problem') this.set(undefined);
      }),
      services.cluster.onDidChange(() => {
        if (this.latest?.context !== services.cluster.state.context?.name) this.set(undefined);
      }),
    );
  }

  /** True when `document` holds an object that gets live numbers. */
  shows(document: vscode.TextDocument): boolean {
    return document.languageId === 'yaml' && this.services.manifests.get(document).documents.some((d) => d.kind !== undefined && LIVE_POLICY_KINDS.has(d.kind));
  }

  private set(latest: PolicyTrafficFeed['latest']): void {
    if (latest === undefined && this.latest === undefined) return;
    this.latest = latest;
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
