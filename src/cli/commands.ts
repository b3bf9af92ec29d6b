import type { CliCommand } from './usage';

/** Every CLI sub-command, in the order `meshaware --help` lists them. */
export const commands: CliCommand[] = [];
