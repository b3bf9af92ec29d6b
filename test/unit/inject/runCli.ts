import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs the real CLI entry point (src/cli/main.ts through tsx) in a child process, as a user would. */
export function cli(args: string[], stdin: string | Buffer = ''): { status: number | null; stdout: string; stderr: string; stdoutBytes: Buffer } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../../../src/cli/main.ts'), 'inject', ...args], { input: stdin, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), stdoutBytes: r.stdout };
}

export const deployment = (name: string, podSpec = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n${podSpec}      containers:\n      - name: ${name}\n`;
