import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import type { Simulator } from '../../sim/simulator';

const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** Fails loudly when kubectl is missing: the conformance tests need an independent client. */
export function requireKubectl(): void {
  const probe = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`kubectl is not installed or does not run (${probe.error?.message ?? probe.stderr}). The simulator conformance tests drive the simulated cluster with kubectl; install kubectl 1.32 or set KUBECTL.`);
  }
}

/** kubectl's JSON output, navigated freely by tests: a wrong shape fails their assertions anyway. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary Kubernetes objects in tests only
export type Loose = any;

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectl(sim: Simulator, args: string[], input?: string, kubeconfig = sim.kubeconfigPath): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(KUBECTL, args, { env: { ...process.env, KUBECONFIG: kubeconfig }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

/** Runs kubectl and fails with its stderr unless it succeeds. */
export async function kubectlOk(sim: Simulator, args: string[], input?: string): Promise<string> {
  const result = await kubectl(sim, args, input);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A long-running kubectl (watch, port-forward) whose output can be awaited line by line. */
export class KubectlProcess {
  private readonly child: ChildProcess;
  private output = '';
  private readonly waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];

  constructor(sim: Simulator, args: string[]) {
    this.child = spawn(KUBECTL, args, { env: { ...process.env, KUBECONFIG: sim.kubeconfigPath } });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      for (const waiter of [...this.waiters]) {
        const match = this.output.match(waiter.pattern);
        if (match) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(match);
        }
      }
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
  }

  waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    const match = this.output.match(pattern);
    if (match) return Promise.resolve(match);
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }

  /** Resolves with kubectl's exit code once it ends by itself. */
  exited(): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  stop(): void {
    this.child.kill();
  }
}

export interface RawResponse {
  status: number;
  body: string;
}

/** An HTTPS request to the simulator that trusts its CA, for what kubectl cannot show (raw watch events). */
export function raw(sim: Simulator, path: string, options: { token?: string | null; method?: string; body?: string; contentType?: string; until?: (body: string) => boolean; onData?: (body: string) => void } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, sim.url);
    const token = options.token === undefined ? sim.token : options.token;
    const req = request(url, {
      method: options.method ?? 'GET',
      ca: sim.caPem,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(options.contentType ? { 'Content-Type': options.contentType } : {}) },
    }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
        options.onData?.(body);
        if (options.until?.(body)) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end(options.body);
  });
}
