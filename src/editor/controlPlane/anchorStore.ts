import type * as vscode from 'vscode';
import { bundleContains } from '../../core/controlplane/certs/identity';
import type { CertificateAndKey } from '../../core/controlplane/certs/types';
import type { LocalAnchor } from '../../core/lifecycle/installIdentity';

/** Another anchor is stored for the context; replacing it would lose the key that signs its cluster's issuers. */
export class StoredAnchorExists extends Error {}

/**
 * Trust anchors (certificate and private key) per context, in VS Code's secret storage (the OS keychain):
 * the key signs future issuers and must never be stored in the cluster. A stored anchor is only ever
 * replaced on an explicit request.
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

  /** Stores the anchor; throws StoredAnchorExists when a different one is stored, unless `replace` says to. */
  async set(context: string, anchor: CertificateAndKey, options: { replace?: boolean } = {}): Promise<void> {
    const current = await this.get(context);
    if (current && !options.replace && !(bundleContains(current.certPem, anchor.certPem) && current.keyPem.trim() === anchor.keyPem.trim())) {
      throw new StoredAnchorExists(`Another trust anchor is already stored for "${context}".`);
    }
    await this.secrets.store(this.key(context), JSON.stringify(anchor));
  }

  delete(context: string): Thenable<void> {
    return this.secrets.delete(this.key(context));
  }

  /** The context's anchor as an install reads and saves it. */
  forContext(context: string): LocalAnchor {
    return { where: "VS Code's secret storage", load: () => this.get(context), save: (anchor) => this.set(context, anchor) };
  }
}
