import { MeshawareError } from '../errors';

/** An inject edit that cannot be made without changing more than the user asked for; the message says why. */
export class InjectionEditError extends MeshawareError {
  /** Offset in the file of the node the problem is about, for a located message. */
  readonly offset: number | undefined;

  constructor(message: string, offset?: number) {
    super('inject', message);
    this.offset = offset;
  }
}
