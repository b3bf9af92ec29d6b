import * as vscode from 'vscode';

/**
 * Long cluster actions in progress, for the status bar: a progress notification can go unseen (toasts hidden, the
 * notification centre closed), the status bar is always there.
 */
class Activity {
  private readonly running = new Map<number, string>();
  private next = 0;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  /** The most recent action still running, in words ("installing Linkerd on kind-dev"). */
  get current(): string | undefined {
    return [...this.running.values()].at(-1);
  }

  start(label: string): vscode.Disposable {
    const id = this.next++;
    this.running.set(id, label);
    this.emitter.fire();
    return { dispose: () => this.running.delete(id) && this.emitter.fire() };
  }
}

export const activity = new Activity();
