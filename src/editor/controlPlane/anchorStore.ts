import type * as vscode from 'vscode';
import type { CertificateAndKey } from '../../core/controlplane/certs/types';

/**
 * Trust anchors (certificate and private key) per context, in VS Code's secret storage (the OS keychain):
 * the key signs future issuers and must never be stored in the cluster.
 */
export class AnchorStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private key(context: string): string {
    return `meshaware.trustAnchor/${context}`;
  }

  async get(context: string): Promise<CertificateAndKey | undefined> {
    const raw = await this.secrets.get(this.key(context));
    if (!raw) return undefined;
    try {
      const v = JSON.parse(raw) as CertificateAndKey;
      return typeof v.certPem === 'string' && typeof v.keyPem === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  }

  set(context: string, anchor: CertificateAndKey): Thenable<void> {
    return this.secrets.store(this.key(context), JSON.stringify(anchor));
  }

  delete(context: string): Thenable<void> {
    return this.secrets.delete(this.key(context));
  }
}
