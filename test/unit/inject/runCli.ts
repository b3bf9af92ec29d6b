import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli, type CliRun } from '../cli/inProcess';

/** Runs `meshaware inject` in process (the real main, streams captured). */
export function cli(args: string[], stdin: string | Buffer = ''): Promise<CliRun> {
  return runCli(['inject', ...args], { stdin });
}

/** Runs the real executable (src/cli/bin.ts through tsx) in a child process, stdin from a pipe, as a user would. */
export function spawnCli(args: string[], stdin: string | Buffer = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../../../src/cli/bin.ts'), 'inject', ...args], { input: stdin, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

export const deployment = (name: string, podSpec = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n${podSpec}      containers:\n      - name: ${name}\n`;
