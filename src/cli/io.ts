/**
 * Where a CLI run reads and writes: the process's streams when run as `meshaware`, buffers when a test runs
 * `main` in process.
 */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: AsyncIterable<Buffer | string>;
}

export const PROCESS_IO: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
