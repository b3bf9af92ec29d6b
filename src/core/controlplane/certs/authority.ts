import { ECDSA_SHA256, generateP256, randomSerial, x509, type KeyPair } from './x509';

export const DAY_MS = 86_400_000;
/** Laptops sleep and VM clocks drift: backdating notBefore keeps fresh certificates from being "not yet valid". */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A CA certificate with its key pair, held in memory while it signs. */
export interface SigningAuthority {
  readonly cert: x509.X509Certificate;
  readonly keys: KeyPair;
}

/** Key usage for every CA we make: it only signs certificates (and, by convention, CRLs). */
const CA_KEY_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;

function validity(now: Date, days: number, cap?: Date): { notBefore: Date; notAfter: Date } {
  const notAfter = now.getTime() + days * DAY_MS;
  return { notBefore: new Date(now.getTime() - CLOCK_SKEW_MS), notAfter: new Date(cap ? Math.min(notAfter, cap.getTime()) : notAfter) };
}

/** A self-signed ECDSA P-256 CA with critical basicConstraints (the given path length) and keyCertSign/cRLSign. */
export async function createSelfSignedCa(commonName: string, pathLength: number, now: Date, days: number): Promise<SigningAuthority> {
  const keys = await generateP256();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${commonName}`,
    ...validity(now, days),
    keys,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, pathLength, true),
      new x509.KeyUsagesExtension(CA_KEY_USAGE, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

export interface IssueRequest {
  readonly commonName: string;
  readonly now: Date;
  readonly days: number;
  /** Extensions beyond the SKI and AKI, which every issued certificate gets. */
  readonly extensions: readonly x509.Extension[];
}

/**
 * A new ECDSA P-256 key and a certificate for it signed by `authority`. The issuer name is the authority's own
 * subject Name object, so the DER bytes match exactly as Go and webpki require; the certificate never outlives
 * its authority.
 */
export async function issueCertificate(authority: SigningAuthority, request: IssueRequest): Promise<{ cert: x509.X509Certificate; keys: KeyPair }> {
  const keys = await generateP256();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${request.commonName}`,
    issuer: authority.cert.subjectName,
    ...validity(request.now, request.days, authority.cert.notAfter),
    publicKey: keys.publicKey,
    signingKey: authority.keys.privateKey,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      ...request.extensions,
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(authority.keys.publicKey),
    ],
  });
  return { cert, keys };
}

/** Extensions of an intermediate CA that may only sign end-entity certificates. */
export function intermediateCaExtensions(): x509.Extension[] {
  return [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(CA_KEY_USAGE, true)];
}
