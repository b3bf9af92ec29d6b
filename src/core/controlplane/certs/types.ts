/** A certificate and its private key, both PEM. */
export interface CertificateAndKey {
  readonly certPem: string;
  readonly keyPem: string;
}

/**
 * What the identity controller needs: the trust anchor bundle every proxy trusts, and the issuer it signs
 * workload certificates with. The anchor's key is deliberately absent: Linkerd never needs it.
 */
export interface IdentityMaterial {
  readonly trustAnchorsPem: string;
  readonly issuer: CertificateAndKey;
}
