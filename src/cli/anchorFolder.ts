import { mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificateAndKey } from '../core/controlplane/certs/types';
import type { LocalAnchor } from '../core/lifecycle/installIdentity';
import { writeNew } from './files';

const exists = (path: string) => stat(path).then(() => true, () => false);

/**
 * A trust anchor kept as ca.crt and ca.key (mode 0600) in a folder. A save writes both under temporary
 * names, then renames the key and the certificate into place; a load finishes a save that was killed
 * between the two renames, so the folder never stays with half an anchor.
 */
export function anchorFolder(dir: string): LocalAnchor {
  const crt = join(dir, 'ca.crt');
  const key = join(dir, 'ca.key');
  const pending = (f: string) => `${f}.partial`;
  return {
    where: dir,
    async load(): Promise<CertificateAndKey | undefined> {
      const have = async (f: string) => (await exists(f)) || (await exists(pending(f)));
      if ((await have(key)) && (await have(crt))) {
        for (const f of [key, crt]) if (!(await exists(f)) && (await exists(pending(f)))) await rename(pending(f), f);
      }
      for (const f of [key, crt]) await unlink(pending(f)).catch(() => undefined);
      const [hasCrt, hasKey] = [await exists(crt), await exists(key)];
      if (!hasCrt && !hasKey) return undefined;
      if (hasCrt !== hasKey) {
        throw new Error(`${dir} holds ${hasCrt ? 'ca.crt without ca.key' : 'ca.key without ca.crt'}: half a trust anchor. Restore the missing file, or move the folder aside to create a new anchor.`);
      }
      return { certPem: await readFile(crt, 'utf8'), keyPem: await readFile(key, 'utf8') };
    },
    async save(anchor: CertificateAndKey): Promise<void> {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      for (const f of [crt, key]) if (await exists(f)) throw new Error(`${f} already exists: Meshaware never replaces a stored trust anchor.`);
      for (const f of [crt, key]) await unlink(pending(f)).catch(() => undefined);
      await writeNew(pending(key), anchor.keyPem, 0o600, false);
      await writeNew(pending(crt), anchor.certPem, 0o644, false);
      await rename(pending(key), key);
      await rename(pending(crt), crt);
    },
  };
}
