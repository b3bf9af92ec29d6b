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

/** Which VS Code the harness runs: MESHAWARE_VSCODE=oldest picks the oldest that package.json claims. */
export function codeServerBinary(tools: Tools): { readonly bin: string; readonly nodeDir: string } {
  return process.env.MESHAWARE_VSCODE === 'oldest'
    ? { bin: tools.codeServerOldest, nodeDir: tools.nodeOldestDir }
    : { bin: tools.codeServer, nodeDir: tools.node24Dir };
}

/** The binaries installed by scripts/setup-tools.sh, which records them in <tools>/paths.json. */
export function loadTools(): Tools {
  const dir = process.env.MESHAWARE_TOOLS ?? join(repoRoot, '.tools');
  const file = join(dir, 'paths.json');
  if (!existsSync(file)) throw new Error(`${file} not found: run 'bash scripts/setup-tools.sh' first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Tools;
}
