// The CLI package as a user installs it: packed once per test run, installed offline into an empty folder with a
// chosen Node.js first on PATH and none of the test run's npm_* variables.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InstalledCli {
  /** The folder whose node_modules holds the package: `npx --no-install meshaware` runs there. */
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
}

export function run(cwd: string, env: NodeJS.ProcessEnv, command: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    if (input !== undefined) child.stdin?.end(input);
  });
}

let packed: string | undefined;

/** `npm run pack:cli`'s tarball, built once per test run. */
export function packCli(): string {
  packed ??= execFileSync(process.execPath, [join(repoRoot, 'scripts', 'pack-cli.mjs')], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').pop()!;
  return packed;
}

/** Installs the tarball into an empty folder with the Node.js of nodeDir, offline: a runtime dependency would fail. */
export async function installCli(tarball: string, nodeDir: string, major: string): Promise<InstalledCli> {
  const env = { PATH: `${nodeDir}:${process.env.PATH ?? ''}`, HOME: mkdtempSync(join(tmpdir(), 'mw-cli-home-')) };
  const dir = mkdtempSync(join(tmpdir(), 'mw-cli-pkg-'));
  const version = await run(dir, env, 'node', ['--version']);
  assert.match(version.stdout, new RegExp(`^v${major}\\.`), `the test must run the CLI on Node ${major}`);
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  const install = await run(dir, env, 'npm', ['install', '--offline', '--omit=dev', '--no-audit', '--no-fund', tarball]);
  assert.equal(install.code, 0, install.stdout + install.stderr);
  assert.doesNotMatch(install.stderr, /EBADENGINE/);
  return { dir, env };
}
