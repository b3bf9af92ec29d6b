import { certsCommand } from './commands/certs';
import { checkCommand } from './commands/check';
import { installCommand, rotateIssuerCommand, uninstallCommand, upgradeCommand } from './commands/lifecycle';
import { injectCommand } from './commands/inject';
import { lintCommand } from './commands/lint';
import { renderCommand } from './commands/render';
import { authzCommand, edgesCommand, statCommand } from './commands/traffic';
import type { CliCommand } from './usage';

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
