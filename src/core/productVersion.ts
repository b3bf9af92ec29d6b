import { version } from '../../package.json';

/** Meshaware's own version, from package.json at build time: printed by `--version` and written into SARIF. */
export const productVersion: string = version;
