import * as vscode from 'vscode';
import type { ClusterService } from './clusterService';

/**
 * State-changing actions on a context that is not a local cluster need the user to type the context's
 * name, so a stray click never changes a shared or production cluster. Returns false when refused.
 */
export async function confirmClusterChange(cluster: ClusterService, action: string): Promise<boolean> {
  const ctx = await cluster.session.currentContext();
  if (!ctx) return false;
  const verdict = cluster.session.verdict(ctx);
  if (verdict.local) return true;
  const typed = await vscode.window.showInputBox({
    title: `${action} on a remote cluster`,
    prompt: `"${ctx.name}" does not look like a local cluster (${verdict.reason}). Type the context name to ${action.toLowerCase()} there anyway.`,
    placeHolder: ctx.name,
    ignoreFocusOut: true,
    validateInput: (v) => (v === '' || v === ctx.name ? undefined : `Type exactly "${ctx.name}" to confirm, or press Escape to cancel.`),
  });
  return typed === ctx.name;
}
