import { commands } from './commands';
import { MeshawareError } from '../core/errors';
import type { CliIo } from './io';

/** A mistake in how the command was called: exit code 2 and the command's usage. */
export class UsageError extends MeshawareError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** One CLI sub-command. Each lives in its own file under `commands/`. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: meshaware <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'meshaware <command> --help' for a command's options.\n`;
}
