import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: test/harness/ is two levels down. */
export const repoRoot = resolve(__dirname, '..', '..');

/** Where failure artefacts (server logs, screenshots) are kept; gitignored. */
export const resultsDir = join(repoRoot, 'test-results');

export interface Tools {
  readonly node24Dir: string;
  /** The oldest Node.js the CLI supports, for the tier that proves it. */
  readonly nodeOldestDir: string;
  readonly codeServer: string;
  /** code-server embedding the oldest VS Code that engines.vscode claims; it runs on nodeOldestDir's Node. */
  readonly codeServerOldest: string;
}

/** The code-server releases the harness can run: the current one, or the oldest VS Code that engines.vscode claims. */
export type VsCodeRelease = 'current' | 'oldest';

/** Which VS Code the harness runs: the release asked for, else MESHAWARE_VSCODE=oldest, else the current one. */
export function codeServerBinary(tools: Tools, release?: VsCodeRelease): { readonly bin: string; readonly nodeDir: string; readonly release: VsCodeRelease } {
  const chosen = release ?? (process.env.MESHAWARE_VSCODE === 'oldest' ? 'oldest' : 'current');
  return chosen === 'oldest'
    ? { bin: tools.codeServerOldest, nodeDir: tools.nodeOldestDir, release: chosen }
    : { bin: tools.codeServer, nodeDir: tools.node24Dir, release: chosen };
}

/** The binaries installed by scripts/setup-tools.sh, which records them in <tools>/paths.json. */
export function loadTools(): Tools {
  const dir = process.env.MESHAWARE_TOOLS ?? join(repoRoot, '.tools');
  const file = join(dir, 'paths.json');
  if (!existsSync(file)) throw new Error(`${file} not found: run 'bash scripts/setup-tools.sh' first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Tools;
}
