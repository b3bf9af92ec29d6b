import { certsCommand } from './commands/certs';
import { checkCommand } from './commands/check';
import { installCommand, rotateIssuerCommand, uninstallCommand, upgradeCommand } from './commands/lifecycle';
import { injectCommand } from './commands/inject';
import { lintCommand } from './commands/lint';
import { renderCommand } from './commands/render';
import { authzCommand, edgesCommand, statCommand } from './commands/traffic';
import type { CliCommand } from './command';

/** Every CLI sub-command, in the order `meshaware --help` lists them. */
export const commands: CliCommand[] = [
  certsCommand,
  checkCommand,
  installCommand,
  upgradeCommand,
  rotateIssuerCommand,
  uninstallCommand,
  injectCommand,
  lintCommand,
  renderCommand,
  edgesCommand,
  statCommand,
  authzCommand,
];

/** `meshaware --help`: every command with its summary. */
export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: meshaware <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'meshaware <command> --help' for a command's options.\n`;
}
