import { productVersion } from '../core/productVersion';
import { commands } from './commands';
import { usage, UsageError } from './usage';
import { writeText } from './terminal';
import { withoutUrlCredentials } from '../core/cluster/credentials';

/** `meshaware <command> [options]`: a thin face over src/core for CI pipelines and scripts. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${productVersion}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    writeText(process.stderr, `meshaware: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      writeText(process.stderr, `meshaware ${name}: ${e.message}\n${command.usage}\n`);
      return 2;
    }
    // Cluster errors carry a hint saying what to do; print it with the message.
    const message = withoutUrlCredentials((e as { userMessage?: string }).userMessage ?? (e instanceof Error ? e.message : String(e)));
    writeText(process.stderr, `meshaware ${name}: ${message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    writeText(process.stderr, `meshaware: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
