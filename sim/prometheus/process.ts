// One Prometheus server process (Debian's `prometheus` binary) with a scratch data directory, started
// and stopped by the simulator rather than as a system service, so that every simulator has its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INSTALL_HINT = 'install Debian\'s prometheus package (apt-get install -y prometheus) or put a prometheus binary on PATH';
const READY_TIMEOUT_MS = 30_000;

export interface PrometheusProcess {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Starts Prometheus on a free loopback port with the config that `writeFiles` puts in its scratch directory. */
export async function startPrometheusProcess(writeFiles: (dir: string) => string): Promise<PrometheusProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'meshaware-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, writeFiles(dir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('prometheus', [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--storage.tsdb.retention.time=2h',
    '--log.level=warn',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  // A simulator that exits without close() must not leave its Prometheus running.
  const killOnExit = () => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await terminate(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(child, url, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dir, stop };
}

/** Resolves once /-/ready answers 200; rejects when the process cannot start or exits first. */
async function waitReady(child: ChildProcess, url: string, stderr: () => string): Promise<void> {
  let gone = false;
  const exited = new Promise<never>((_, reject) => {
    child.once('error', () => void (gone = true));
    child.once('exit', () => void (gone = true));
    child.once('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code === 'ENOENT' ? `--prometheus: no prometheus binary found; ${INSTALL_HINT}` : `--prometheus: cannot start prometheus: ${e.message}`)));
    child.once('exit', (code, signal) => reject(new Error(`--prometheus: prometheus exited (${signal ?? code}) before it was ready:\n${stderr()}`)));
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const ready = () => fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
  const poll = async (): Promise<void> => {
    while (Date.now() < deadline && !gone) {
      if (await ready()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    // A simulator creating thousands of pods can keep this loop from running for the whole deadline: ask once
    // more before calling Prometheus not ready.
    if (!gone && (await ready())) return;
    throw new Error(`--prometheus: prometheus was not ready after ${READY_TIMEOUT_MS / 1000}s:\n${stderr()}`);
  };
  await Promise.race([poll(), exited]);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}
