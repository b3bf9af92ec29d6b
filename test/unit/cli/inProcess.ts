import { Writable, Readable } from 'node:stream';
import { main } from '../../../src/cli/main';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
}

/**
 * Runs `meshaware <argv>` in this process through the real `main`, with its streams captured: the same code
 * path as the executable without starting Node and tsx per call. `cwd` is entered for the run (mocha runs tests
 * one at a time). Tests of the executable itself (stdin from a pipe, file-descriptor limits) spawn it instead.
 */
export async function runCli(argv: readonly string[], options: { stdin?: string | Buffer; cwd?: string } = {}): Promise<CliRun> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const capture = (into: Buffer[]) => new Writable({ write: (c: Buffer, _enc, done) => (into.push(c), done()) });
  const [stdout, stderr] = [capture(out), capture(err)];
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const before = process.cwd();
  if (options.cwd) process.chdir(options.cwd);
  try {
    const status = await main(argv, { stdout, stderr, stdin });
    const stdoutBytes = Buffer.concat(out);
    return { status, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes };
  } finally {
    if (options.cwd) process.chdir(before);
  }
}
