import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerBinary, loadTools, resultsDir, type VsCodeRelease } from './paths';
import { scratchDir } from './scratch';

export interface CodeServerOptions {
  /** Names the kept server log: test-results/<name>-server.log. */
  readonly name: string;
  readonly workspace: string;
  /** Lets the URL payload load an extension under development and its tests. */
  readonly smokeTestDriver: boolean;
  /** Installed with --install-extension before the server starts. */
  readonly vsix?: string;
  /**
   * An extension folder (this checkout) linked into the extensions folder, so the workbench loads it as an
   * installed extension: no URL payload and no smoke-test driver, which hides notification toasts, so the
   * workbench shows what a user sees.
   */
  readonly linkExtension?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Binds to this port instead of a free one (the demo's URL stays the same). */
  readonly port?: number;
  /**
   * Opens the workspace in Restricted Mode: workspace trust on, the folder not trusted, and no start-up
   * prompt, as for a repository someone just cloned. By default trust is off and every folder is trusted.
   */
  readonly restricted?: boolean;
  /** Which code-server (see codeServerBinary); by default MESHAWARE_VSCODE decides. */
  readonly vscode?: VsCodeRelease;
}

export interface CodeServer {
  readonly origin: string;
  readonly userDataDir: string;
  readonly logPath: string;
  /** The URI the workbench uses for a path on the server, e.g. for payload entries. */
  remoteUri(path: string): string;
  workbenchUrl(payload?: ReadonlyArray<readonly [string, string]>): string;
  stop(): Promise<void>;
}

const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'files.autoSave': 'off',
};

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const codeServer = codeServerBinary(loadTools(), options.vscode);
  const scratch = scratchDir(`cs-${options.name}`);
  const userDataDir = join(scratch.path, 'user-data');
  const extensionsDir = join(scratch.path, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const trust = options.restricted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...trust }, null, 2));
  const env = {
    ...process.env,
    ...options.env,
    PATH: `${codeServer.nodeDir}:${process.env.PATH ?? ''}`,
    // Otherwise code-server writes its config and state under the home folder.
    XDG_CONFIG_HOME: join(scratch.path, 'xdg-config'),
    XDG_DATA_HOME: join(scratch.path, 'xdg-data'),
  };
  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (options.vsix) {
    const r = spawnSync(codeServer.bin, [...dirs, '--install-extension', options.vsix], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`installing ${options.vsix} failed:\n${r.stdout}${r.stderr}`);
  }

  if (options.linkExtension) {
    const manifest = JSON.parse(readFileSync(join(options.linkExtension, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    mkdirSync(extensionsDir, { recursive: true });
    symlinkSync(options.linkExtension, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  }

  const port = options.port ?? (await freePort());
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...dirs, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'];
  if (!options.restricted) args.push('--disable-workspace-trust');
  // Releases before 4.100 have no --vscode-option and honour the payload without it.
  if (options.smokeTestDriver && codeServer.release !== 'oldest') args.push('--vscode-option', 'enable-smoke-test-driver');
  mkdirSync(resultsDir, { recursive: true });
  const logPath = join(resultsDir, `${options.name}-server.log`);
  const log = createWriteStream(logPath);
  // A process group of its own, so stopping it also ends the extension host and other children.
  const child = spawn(codeServer.bin, [...args, options.workspace], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.on('exit', killOnExit);

  const authority = `127.0.0.1:${port}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopGroup(child);
    log.end();
    scratch.dispose();
  };
  try {
    await waitHealthy(`http://${authority}/healthz`, child, 60_000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- ${logPath} ---\n${readFileSync(logPath, 'utf8').slice(-3000)}`, { cause: e });
  }
  return {
    origin: `http://${authority}`,
    userDataDir,
    logPath,
    remoteUri: (path) => `vscode-remote://${authority}${path}`,
    workbenchUrl: (payload) => {
      let url = `http://${authority}/?folder=${encodeURIComponent(options.workspace)}`;
      if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    stop,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', () => resolve(0));
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before answering ${url}`);
    if ((await statusOf(url)) === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return killGroup(child, 'SIGKILL');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // Children that outlived the server (extension host, file watcher) share its group.
  killGroup(child, 'SIGKILL');
}
