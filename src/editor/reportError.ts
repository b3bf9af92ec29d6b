import * as vscode from 'vscode';
import { isCancelled } from '../core/cancel';
import { ClusterError } from '../core/cluster/errors';
import { MeshawareError, userMessageOf } from '../core/errors';
import { activity } from './cluster/activity';
import { COMMANDS } from './commandIds';

/** Codes of problems the user fixes in their own input: a warning with the message, not a failure to log. */
const USER_FIXABLE = new Set(['input', 'inject', 'usage']);
/** Cluster problems a different context may solve: the notification offers the context picker. */
const CONTEXT_KINDS = new Set(['noContext', 'unreachable', 'unauthorized', 'certificate']);

/**
 * The one way every command reports a failure: cancellation is logged and not shown; a problem in the user's
 * input is a warning saying what to fix; anything else is an error with its hint (and the context picker when
 * another context may help), with the details in the log. Notifications are not awaited, so the command ends at once.
 */
export async function reportError(log: vscode.LogOutputChannel, what: string, e: unknown): Promise<void> {
  if (isCancelled(e)) {
    log.info(`${what}: cancelled`);
    return;
  }
  const message = userMessageOf(e);
  if (e instanceof MeshawareError && USER_FIXABLE.has(e.code)) {
    log.warn(`${what}: ${message}`);
    void vscode.window.showWarningMessage(message);
    return;
  }
  log.error(`${what}: ${e instanceof MeshawareError ? message : userMessageOf((e as Error).stack ?? e)}`);
  const pick = e instanceof ClusterError && CONTEXT_KINDS.has(e.kind);
  void vscode.window.showErrorMessage(`${what} failed: ${message}`, ...(pick ? ['Pick Context'] : []), 'Show Log').then((choice) => {
    if (choice === 'Pick Context') void vscode.commands.executeCommand(COMMANDS.selectContext);
    if (choice === 'Show Log') log.show(true);
  });
}

/** Runs a command body, reporting whatever it throws through reportError. */
export async function runCommand(log: vscode.LogOutputChannel, what: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    await reportError(log, what, e);
  }
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
