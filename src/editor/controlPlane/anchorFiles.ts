import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CertificateAndKey } from '../../core/controlplane/certs/types';

/** Writes the anchor as ca.crt and ca.key (mode 0600, created with that mode) into a folder the user picks. */
export async function exportAnchor(anchor: CertificateAndKey, context: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Export Trust Anchor Here', title: `Export the trust anchor of "${context}"` });
  const dir = picked?.[0]?.fsPath;
  if (!dir) return undefined;
  for (const [name, text, mode] of [['ca.crt', anchor.certPem, 0o644], ['ca.key', anchor.keyPem, 0o600]] as const) {
    const handle = await fs.open(path.join(dir, name), 'wx', mode).catch((e: NodeJS.ErrnoException) => {
      throw new Error(e.code === 'EEXIST' ? `${path.join(dir, name)} already exists: pick an empty folder.` : e.message);
    });
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
  }
  return dir;
}

/** Reads a trust anchor certificate and key the user picks (e.g. from `meshaware certs generate`). */
export async function importAnchor(): Promise<CertificateAndKey | undefined> {
  const cert = await vscode.window.showOpenDialog({ title: 'Trust anchor certificate (ca.crt)', openLabel: 'Use Certificate', filters: { 'PEM certificate': ['crt', 'pem', 'cer'] } });
  if (!cert?.[0]) return undefined;
  const key = await vscode.window.showOpenDialog({ title: 'Trust anchor private key (ca.key)', openLabel: 'Use Key', filters: { 'PEM key': ['key', 'pem'] } });
  if (!key?.[0]) return undefined;
  return { certPem: await fs.readFile(cert[0].fsPath, 'utf8'), keyPem: await fs.readFile(key[0].fsPath, 'utf8') };
}
