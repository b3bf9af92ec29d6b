import { createSelfSignedCa, intermediateCaExtensions, issueCertificate } from './authority';
import type { CertificateAndKey, IdentityMaterial } from './types';
import { certificatePem, privateKeyPem } from './x509';

export const TRUST_ANCHOR_CN = 'root.linkerd.cluster.local';
export const ISSUER_CN = 'identity.linkerd.cluster.local';
export const TRUST_ANCHOR_LIFETIME_DAYS = 3650;
/** Well over the 60 days under which `linkerd check` starts warning. */
export const ISSUER_LIFETIME_DAYS = 365;

/** A freshly generated anchor and issuer. The anchor key is returned for the caller to keep out of the cluster. */
export interface IdentityCredentials {
  readonly trustAnchor: CertificateAndKey;
  readonly issuer: CertificateAndKey;
}

export interface GenerateOptions {
  readonly now?: Date;
  readonly trustAnchorDays?: number;
  readonly issuerDays?: number;
}

/**
 * A new ECDSA P-256 trust anchor and an ECDSA P-256 issuer signed by it, as Linkerd requires them.
 * The anchor's path length is 1, not 0: with 0 every check passes but proxies reject their own leaf
 * ("too many intermediates") because the issuer sits between them. The issuer has no EKU: with one,
 * proxies would need it to list both serverAuth and clientAuth.
 */
export async function generateIdentityCredentials(options: GenerateOptions = {}): Promise<IdentityCredentials> {
  const now = options.now ?? new Date();
  const anchor = await createSelfSignedCa(TRUST_ANCHOR_CN, 1, now, options.trustAnchorDays ?? TRUST_ANCHOR_LIFETIME_DAYS);
  const issuer = await issueCertificate(anchor, {
    commonName: ISSUER_CN,
    now,
    days: options.issuerDays ?? ISSUER_LIFETIME_DAYS,
    extensions: intermediateCaExtensions(),
  });
  return {
    trustAnchor: { certPem: certificatePem(anchor.cert), keyPem: await privateKeyPem(anchor.keys.privateKey) },
    issuer: { certPem: certificatePem(issuer.cert), keyPem: await privateKeyPem(issuer.keys.privateKey) },
  };
}

/** What goes into the cluster: the anchor certificate only, never its key. */
export function identityMaterial(credentials: IdentityCredentials): IdentityMaterial {
  return { trustAnchorsPem: credentials.trustAnchor.certPem, issuer: credentials.issuer };
}
