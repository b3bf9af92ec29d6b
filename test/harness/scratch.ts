import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths';

/** A fresh temporary directory, removed by `dispose`. */
export function scratchDir(prefix: string): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), `meshaware-${prefix}-`));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/** Tests edit files, so each run works on its own copy of sample-workspace/. */
export function copySampleWorkspace(into: string): string {
  const target = join(into, 'sample-workspace');
  cpSync(join(repoRoot, 'sample-workspace'), target, { recursive: true });
  return target;
}
