import { open, unlink } from 'node:fs/promises';

/** Creates the file with its final mode from the start, so a key is never readable by others, even briefly. */
export async function writeNew(path: string, text: string, mode: number, force: boolean): Promise<void> {
  if (force) {
    await unlink(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  let handle;
  try {
    handle = await open(path, 'wx', mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${path} already exists; use --force to replace it`, { cause: e });
    throw e;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}
