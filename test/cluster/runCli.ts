import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(__dirname, '../../dist/cli.js');

/** Runs the built CLI as a user would, with its own environment and no access to the test's state; with when its first output came. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; firstOutputMs: number; totalMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: tmpdir(), ...env } });
    let stdout = '';
    let stderr = '';
    let firstOutputMs = -1;
    child.stdout.on('data', (d) => {
      if (firstOutputMs < 0) firstOutputMs = Date.now() - started;
      stdout += d;
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, firstOutputMs, totalMs: Date.now() - started }));
  });
}
