import * as vscode from 'vscode';
import { ClusterError } from '../../core/cluster/errors';
import { activity } from './activity';
import { COMMANDS } from './commandIds';
import { withoutUrlCredentials } from '../../core/cluster/credentials';

/**
 * Shows a cluster failure with what to do next; "no context" and unreachable clusters offer the context picker.
 * The notification is not awaited, so the command that failed ends at once.
 */
export async function reportClusterError(log: vscode.LogOutputChannel, what: string, e: unknown): Promise<void> {
  if (e instanceof ClusterError && e.kind === 'cancelled') {
    log.info(`${what}: cancelled`);
    return;
  }
  // Errors from the kubeconfig loader can quote a server URL with its credentials; ClusterErrors never do.
  const message = withoutUrlCredentials(e instanceof ClusterError ? e.userMessage : e instanceof Error ? e.message : String(e));
  log.error(`${what}: ${message}`);
  const pick = e instanceof ClusterError && (e.kind === 'noContext' || e.kind === 'unreachable' || e.kind === 'unauthorized' || e.kind === 'certificate');
  void vscode.window.showErrorMessage(`${what} failed: ${message}`, ...(pick ? ['Pick Context'] : []), 'Show Log').then((choice) => {
    if (choice === 'Pick Context') void vscode.commands.executeCommand(COMMANDS.selectContext);
    if (choice === 'Show Log') log.show(true);
  });
}

/**
 * Runs cluster work under a cancellable progress notification, turning the token into an AbortSignal; the status
 * bar shows it too while it runs.
 */
export function withClusterProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    const busy = activity.start(title.replace(/^Meshaware: /, ''));
    return work(controller.signal, (message) => progress.report({ message })).finally(() => {
      sub.dispose();
      busy.dispose();
    });
  });
}
