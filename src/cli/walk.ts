import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './usage';

/** A path the walk or the read could not get through, with the system's reason. */
export interface Unreadable {
  readonly path: string;
  readonly folder: boolean;
  readonly reason: string;
}

export interface Walked {
  readonly files: string[];
  readonly unreadable: Unreadable[];
}

const YAML = /\.ya?ml$/i;

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it no longer exists';
  if (code === 'ELOOP') return 'a symbolic link loops';
  return (e as Error).message ?? String(e);
}

/**
 * Every YAML file under the given paths, each file and folder visited once by its real path: a symlinked
 * folder that leads back up the tree, or a second link to a folder already seen, is not walked again, so
 * a repository's links can neither hang the walk nor lint a file twice. node_modules and hidden folders are
 * skipped; a path named on the command line is taken whatever its extension. A path that does not exist is a
 * usage error; one that cannot be read is returned in `unreadable` and the walk goes on.
 */
export async function walkYaml(paths: readonly string[]): Promise<Walked> {
  const files: string[] = [];
  const unreadable: Unreadable[] = [];
  const seen = new Set<string>();

  const visit = async (path: string, explicit: boolean): Promise<void> => {
    let info;
    let real;
    try {
      info = await stat(path);
      real = await realpath(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (explicit && code === 'ENOENT') throw new UsageError(`no such file or folder: ${path}`);
      // A dangling link is only worth a finding when it was meant to be a manifest.
      if (explicit || YAML.test(path) || (code !== 'ENOENT' && code !== 'ELOOP')) unreadable.push({ path, folder: false, reason: reason(e) });
      return;
    }
    if (seen.has(real)) return;
    if (info.isFile()) {
      seen.add(real);
      if (explicit || YAML.test(path)) files.push(path);
      return;
    }
    if (!info.isDirectory()) return;
    seen.add(real);
    let entries;
    try {
      entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    } catch (e) {
      unreadable.push({ path, folder: true, reason: reason(e) });
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && (e.name === 'node_modules' || e.name.startsWith('.'))) continue;
      // Symbolic links are followed (stat), then deduplicated by their real path.
      if (e.isFile() && !YAML.test(e.name)) continue;
      await visit(join(path, e.name), false);
    }
  };

  for (const p of paths) await visit(p, true);
  return { files, unreadable };
}

/** How many files are open at once: far below any `ulimit -n` (256 on macOS, 1024 on Linux). */
const OPEN_AT_ONCE = 32;

/** Reads files as UTF-8 with at most OPEN_AT_ONCE open at a time, keeping their order; failures go to `unreadable`. */
export async function readAll(paths: readonly string[], unreadable: Unreadable[]): Promise<{ uri: string; text: string }[]> {
  const texts: (string | undefined)[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      try {
        texts[i] = await readFile(paths[i], 'utf8');
      } catch (e) {
        unreadable.push({ path: paths[i], folder: false, reason: reason(e) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPEN_AT_ONCE, paths.length) }, worker));
  return paths.flatMap((uri, i) => (texts[i] === undefined ? [] : [{ uri, text: texts[i] }]));
}
