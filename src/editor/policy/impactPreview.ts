import * as vscode from 'vscode';
import { modelFlows } from '../../core/policy/impact';
import { previewWorkspaceImpact } from '../../core/policy/impactLint';
import { impactSummary } from '../../core/policy/impactSummary';
import type { ImpactFinding } from '../../core/policy/impactFindings';
import { toDiagnostic } from '../convert';
import type { WorkspaceIndex } from '../workspaceIndex';
import type { PolicyTrafficFeed } from './trafficFeed';

/**
 * The impact preview in the editor: the workspace's policy, open files as edited, evaluated over the last
 * observed traffic of the current context. Where the edited policy decides as the proxies did (the file is
 * what the cluster runs), there is nothing to show; where it differs, MA501/MA502 diagnostics sit on the
 * deciding objects of open files, and Apply to cluster lists them before asking.
 */
export class ImpactPreview implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('meshaware-impact');
  private readonly disposables: vscode.Disposable[];
  private findings: ImpactFinding[] = [];

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly feed: PolicyTrafficFeed,
  ) {
    this.disposables = [
      this.diagnostics,
      feed.onDidChange(() => this.update()),
      index.onDidChange(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    ];
  }

  private update(): void {
    const latest = this.feed.latest;
    this.diagnostics.clear();
    if (!latest) {
      this.findings = [];
      return;
    }
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    this.findings = previewWorkspaceImpact(this.index.resources, modelFlows(latest.model), (uri) => open.get(uri)?.getText()).findings;
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const f of this.findings) byUri.set(f.uri, [...(byUri.get(f.uri) ?? []), toDiagnostic(f)]);
    for (const [uri, list] of byUri) this.diagnostics.set(open.get(uri)?.uri ?? vscode.Uri.parse(uri), list);
  }

  /** The "Policy impact" paragraph for Apply to cluster of `uri`, or undefined when nothing observed changes. */
  applyNote(uri: vscode.Uri): string | undefined {
    return impactSummary(this.findings.filter((f) => f.uri === uri.toString()));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
