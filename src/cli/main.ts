import { isCancelled } from '../core/cancel';
import { userMessageOf } from '../core/errors';
import { productVersion } from '../core/productVersion';
import { commands, usage } from './commands';
import { UsageError } from './command';
import type { CliIo } from './io';
import { writeText } from './terminal';

/** Exit codes by class of error: a usage mistake 2, cancelled (SIGINT's convention) 130, any other failure 1. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError) return 2;
  if (isCancelled(e)) return 130;
  return 1;
}

/**
 * `meshaware <command> [options]`: a thin face over src/core for CI pipelines and scripts. Returns the exit
 * code; all output goes to `io`, so tests run commands in process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${productVersion}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    writeText(io.stderr, `meshaware: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    // The same message and hint the editor shows.
    writeText(io.stderr, `meshaware ${name}: ${userMessageOf(e)}\n${e instanceof UsageError ? `${command.usage}\n` : ''}`);
    return exitCodeOf(e);
  }
}
