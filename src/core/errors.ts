import { withoutUrlCredentials } from './cluster/credentials';

/**
 * The one error vocabulary of Meshaware: a stable `code` (what class of problem, for exit codes and for
 * code that decides what to offer), a `message` saying what went wrong and a `hint` saying what to do. The
 * editor and the CLI print `userMessage`. Neither part ever shows credentials a server URL may carry.
 */
export class MeshawareError extends Error {
  readonly hint: string;

  constructor(
    readonly code: string,
    message: string,
    hint = '',
    options?: ErrorOptions,
  ) {
    super(withoutUrlCredentials(message), options);
    this.hint = withoutUrlCredentials(hint);
    this.name = new.target.name;
  }

  /** One line for notifications and the CLI: the problem, then what to do. */
  get userMessage(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** The user cancelled (a progress notification, Ctrl-C, a closed view): not a failure, nothing to report. */
export class CancelledError extends MeshawareError {
  constructor(message = 'Cancelled.') {
    super('cancelled', message);
  }
}

/** The input the user gave is wrong (a manifest with a YAML error, an unreadable file): fix it and retry. */
export class InputError extends MeshawareError {
  constructor(message: string, hint = '') {
    super('input', message, hint);
  }
}

/** What to show for any thrown value: a MeshawareError's message and hint, else the error's message. */
export function userMessageOf(e: unknown): string {
  return withoutUrlCredentials(e instanceof MeshawareError ? e.userMessage : e instanceof Error ? e.message : String(e));
}
