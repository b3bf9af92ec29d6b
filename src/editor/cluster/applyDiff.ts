import * as path from 'node:path';
import * as vscode from 'vscode';
import { diffDocuments, type ObjectPreview } from '../../core/cluster/applyPreview';

/** The text of each side of the diffs shown, by URI, for the read-only documents of the `meshaware-diff` scheme. */
export type DiffDocuments = Map<string, string>;

export const DIFF_SCHEME = 'meshaware-diff';
let shown = 0;

/**
 * Opens the server-side diff in VS Code's diff editor beside the manifest: on the left what the cluster has, on the
 * right what it would have after the apply, as the dry run returned it.
 */
export async function showApplyDiff(diffs: DiffDocuments, document: vscode.TextDocument, previews: readonly ObjectPreview[], context: string): Promise<void> {
  const { live, merged } = diffDocuments(previews);
  const id = ++shown;
  const base = path.basename(document.uri.path, path.extname(document.uri.path));
  const left = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${context}/${base}.live.yaml`, query: String(id) });
  const right = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${context}/${base}.applied.yaml`, query: String(id) });
  diffs.set(left.toString(), live);
  diffs.set(right.toString(), merged);
  await vscode.commands.executeCommand('vscode.diff', left, right, `${path.basename(document.uri.path)}: ${context} ↔ after apply (server dry run)`, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

/** Closes the diffs shown before an apply: once applied, they no longer say what the cluster has. */
export async function closeApplyDiffs(diffs: DiffDocuments): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === DIFF_SCHEME);
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
  diffs.clear();
}
