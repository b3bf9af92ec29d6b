import { webcrypto } from 'node:crypto';
import { createSelfSignedCa, intermediateCaExtensions, issueCertificate, type SigningAuthority } from './authority';
import { pemBlocks } from './pem';
import type { CertificateAndKey, IdentityMaterial } from './types';
import { certificatePem, privateKeyPem, x509 } from './x509';

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

/** A trust anchor whose key cannot sign: not PKCS#8 ECDSA P-256, or not the certificate's key. */
export class AnchorKeyError extends Error {}

/** Loads a trust anchor (certificate and PKCS#8 key) as a signing authority. */
async function anchorAuthority(anchor: CertificateAndKey): Promise<SigningAuthority> {
  const cert = new x509.X509Certificate(anchor.certPem);
  const der = x509.PemConverter.decodeFirst(anchor.keyPem);
  const algorithm = cert.publicKey.algorithm as webcrypto.EcKeyImportParams;
  let privateKey: webcrypto.CryptoKey;
  try {
    privateKey = await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
  } catch {
    throw new AnchorKeyError('The trust anchor key could not be read (PKCS#8 ECDSA P-256 expected).');
  }
  return { cert, keys: { privateKey, publicKey: await cert.publicKey.export() } };
}

/** A new issuer signed by an existing trust anchor, as an install from a kept anchor and a rotation need. */
export async function issueIssuer(anchor: CertificateAndKey, options: { readonly now?: Date; readonly days?: number } = {}): Promise<CertificateAndKey> {
  const issued = await issueCertificate(await anchorAuthority(anchor), {
    commonName: ISSUER_CN,
    now: options.now ?? new Date(),
    days: options.days ?? ISSUER_LIFETIME_DAYS,
    extensions: intermediateCaExtensions(),
  });
  return { certPem: certificatePem(issued.cert), keyPem: await privateKeyPem(issued.keys.privateKey) };
}

/** Whether a trust bundle (PEM, one or more certificates) contains this anchor certificate. */
export function bundleContains(bundlePem: string, anchorCertPem: string): boolean {
  const der = (pem: string) => pemBlocks(pem).filter((b) => b.type === 'CERTIFICATE').map((b) => Buffer.from(b.der).toString('base64'));
  const wanted = der(anchorCertPem)[0];
  return wanted !== undefined && der(bundlePem).includes(wanted);
}
