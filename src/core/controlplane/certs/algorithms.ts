import type { ParsedCertificate } from './pem';

/**
 * Linkerd's algorithm rules (the checks `linkerd install` and `linkerd check` run), each returning the reason
 * a certificate breaks them, or undefined.
 */

/** Go's names for the two signature algorithms the rules mention, since users will meet them in Linkerd's output. */
const ECDSA_WITH_SHA256 = 'ECDSAWithSHA256';
const SHA256_WITH_RSA = 'SHA256WithRSA';

function signatureAlgorithm(c: ParsedCertificate): string {
  try {
    // The library's HashedAlgorithm type comes from the DOM lib, which this project does not load.
    const alg = c.cert.signatureAlgorithm as unknown as { name: string; hash?: { name: string } };
    if (alg.name === 'ECDSA' && alg.hash?.name === 'SHA-256') return ECDSA_WITH_SHA256;
    if (alg.name === 'RSASSA-PKCS1-v1_5' && alg.hash?.name === 'SHA-256') return SHA256_WITH_RSA;
    return `${alg.name} with ${alg.hash?.name ?? 'no hash'}`;
  } catch {
    return 'an unrecognised algorithm';
  }
}

function publicKeyDescription(c: ParsedCertificate): { type: string; curve?: string; bits?: number } {
  const key = c.native.publicKey;
  return { type: key.asymmetricKeyType ?? 'unknown', curve: key.asymmetricKeyDetails?.namedCurve, bits: key.asymmetricKeyDetails?.modulusLength };
}

function signedWithOneOf(c: ParsedCertificate, allowed: readonly string[]): string | undefined {
  const sig = signatureAlgorithm(c);
  return allowed.includes(sig) ? undefined : `is signed with ${sig}; Linkerd accepts only ${allowed.join(' or ')} here`;
}

/** Trust anchors: ECDSA P-256, or RSA of exactly 2048 or 4096 bits signed with SHA256WithRSA. */
export function trustAnchorAlgorithmProblem(c: ParsedCertificate): string | undefined {
  const key = publicKeyDescription(c);
  if (key.type === 'ec') {
    if (key.curve !== 'prime256v1') return `uses the ${key.curve ?? 'unknown'} curve; an ECDSA trust anchor must use P-256 (prime256v1)`;
    return signedWithOneOf(c, [ECDSA_WITH_SHA256, SHA256_WITH_RSA]);
  }
  if (key.type === 'rsa') {
    if (key.bits !== 2048 && key.bits !== 4096) return `has a ${key.bits}-bit RSA key; an RSA trust anchor must have exactly 2048 or 4096 bits`;
    return signedWithOneOf(c, [SHA256_WITH_RSA]);
  }
  return `uses a key of type ${key.type}; a trust anchor must be ECDSA P-256 or RSA 2048/4096`;
}

/**
 * The issuer must hold an ECDSA P-256 key: the identity controller signs every workload certificate with
 * ECDSA-SHA256, so with any other key no proxy would ever get a certificate.
 */
export function issuerAlgorithmProblem(c: ParsedCertificate): string | undefined {
  const key = publicKeyDescription(c);
  if (key.type !== 'ec') return `uses a key of type ${key.type}; the issuer must use ECDSA P-256, because Linkerd signs every workload certificate with ECDSA`;
  if (key.curve !== 'prime256v1') return `uses the ${key.curve ?? 'unknown'} curve; the issuer must use P-256 (prime256v1)`;
  return signedWithOneOf(c, [ECDSA_WITH_SHA256, SHA256_WITH_RSA]);
}
