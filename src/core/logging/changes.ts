/**
 * Logs a line only when it differs from the last one logged for the same subject, so work that repeats (a view
 * polling the cluster every few seconds) writes its changes of state, not every round.
 */
export class ChangeLog {
  private readonly last = new Map<string, string>();

  constructor(private readonly write: (line: string) => void) {}

  /** Writes `line` unless it is what `subject` said last; returns whether it was written. */
  note(subject: string, line: string): boolean {
    if (this.last.get(subject) === line) return false;
    this.last.set(subject, line);
    this.write(line);
    return true;
  }

  /** The subject has nothing to say any more: its next line is written, whatever it is. */
  forget(subject: string): void {
    this.last.delete(subject);
  }
}
