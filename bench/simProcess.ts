// Starts bench/simHost.ts as a child process and gives a product client for it, with a request-counting log.
import { spawn, type ChildProcess } from 'node:child_process';
import type { ClusterClient } from '../src/core/cluster/client';
import { ClusterSession } from '../src/core/cluster/session';
import { CountingLog } from './simClient';

export interface SimProcess {
  client: ClusterClient;
  log: CountingLog;
  close(): Promise<void>;
}

export async function simProcess(options: Record<string, unknown>): Promise<SimProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/simHost.ts', JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const kubeconfig = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /KUBECONFIG (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code} before serving`)));
  });
  const log = new CountingLog();
  const client = await new ClusterSession(log, () => [kubeconfig]).client();
  return {
    client,
    log,
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
