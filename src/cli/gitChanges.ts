import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from './usage';

const run = promisify(execFile);

export interface GitChanges {
  /** Real paths of the files that differ from REF in the working tree: added, modified, or untracked. */
  readonly changed: ReadonlySet<string>;
  /** The REF versions of modified and deleted files: what their objects were before the change. */
  readonly before: readonly string[];
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

/** What the working tree under `cwd` changed since `ref` (committed, staged, unstaged and untracked). */
export async function changedSince(ref: string, cwd: string): Promise<GitChanges> {
  let top: string;
  try {
    top = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('--changed-since needs git on PATH');
    throw new UsageError(`--changed-since needs a git repository, and ${cwd} is not in one`);
  }
  try {
    await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--changed-since: '${ref}' is not a commit of this repository (a shallow clone may lack it: fetch it first)`);
  }
  // Renames are a deletion and an addition: the old path's objects matter as much as the new one's.
  const fields = (await git(top, ['diff', '--name-status', '--no-renames', '-z', ref, '--'])).split('\0').filter(Boolean);
  const changed = new Set<string>();
  const before: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [status, path] = [fields[i], fields[i + 1]];
    if (status !== 'A') before.push(await git(top, ['show', `${ref}:${path}`]));
    if (status !== 'D') changed.add(await realpath(join(top, path)).catch(() => join(top, path)));
  }
  for (const path of (await git(top, ['ls-files', '--others', '--exclude-standard', '-z'])).split('\0').filter(Boolean)) {
    changed.add(await realpath(join(top, path)).catch(() => join(top, path)));
  }
  return { changed, before };
}
