import type { ClusterClient } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import type { CallOptions } from '../cluster/transport';
import { intermediateCaExtensions, issueCertificate } from '../controlplane/certs/authority';
import { ISSUER_CN, ISSUER_LIFETIME_DAYS } from '../controlplane/certs/identity';
import type { CertificateAndKey } from '../controlplane/certs/types';
import { errorsOnly, formatProblem, validateIdentityMaterial } from '../controlplane/certs/validate';
import { certificatePem, privateKeyPem, x509 } from '../controlplane/certs/x509';
import { ISSUER_SECRET } from '../controlplane/manifests/identityConfig';
import { readClusterIdentity } from './clusterIdentity';
import type { Progress } from './steps';
import { webcrypto } from 'node:crypto';

/** Loads a trust anchor (certificate and PKCS#8 or SEC1 key) into a signing authority. */
async function anchorAuthority(anchor: CertificateAndKey) {
  const cert = new x509.X509Certificate(anchor.certPem);
  const der = x509.PemConverter.decodeFirst(anchor.keyPem);
  const algorithm = cert.publicKey.algorithm as webcrypto.EcKeyImportParams;
  let privateKey: webcrypto.CryptoKey;
  try {
    privateKey = await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
  } catch {
    throw new ClusterError('invalid', 'The stored trust-anchor key could not be read (PKCS#8 ECDSA P-256 expected).', 'Export the anchor key again, or import it with "Meshaware: Import Trust Anchor".');
  }
  return { cert, keys: { privateKey, publicKey: await cert.publicKey.export() } };
}

/**
 * Rotates the identity issuer without downtime: a new issuer signed by the stored anchor replaces the Secret
 * in place; the identity controller watches it and reloads, and existing proxy certificates stay valid because
 * the anchor is unchanged.
 */
export async function rotateIssuer(client: ClusterClient, anchor: CertificateAndKey, o: { namespace?: string; days?: number; now?: Date; progress: Progress; call: CallOptions }): Promise<CertificateAndKey> {
  const ns = o.namespace ?? 'linkerd';
  const current = await readClusterIdentity(client, ns, o.call);
  if (!current) throw new ClusterError('notFound', `No Linkerd identity in namespace "${ns}".`, 'Install Linkerd first.');
  const authority = await anchorAuthority(anchor);
  const issued = await issueCertificate(authority, { commonName: ISSUER_CN, now: o.now ?? new Date(), days: o.days ?? ISSUER_LIFETIME_DAYS, extensions: intermediateCaExtensions() });
  const issuer = { certPem: certificatePem(issued.cert), keyPem: await privateKeyPem(issued.keys.privateKey) };
  const problems = errorsOnly(validateIdentityMaterial({ trustAnchorsPem: current.trustAnchorsPem, issuer }));
  if (problems.length) {
    throw new ClusterError('invalid', `The new issuer does not chain to the cluster's trust anchors: ${problems.map(formatProblem).join('; ')}`, 'The stored anchor is not the one this cluster trusts: import the right anchor key.');
  }
  o.progress(`issued a new issuer valid until ${issued.cert.notAfter.toISOString()}`);
  await client.patch(
    'v1',
    'Secret',
    ISSUER_SECRET,
    ns,
    { data: { 'crt.pem': Buffer.from(issuer.certPem).toString('base64'), 'key.pem': Buffer.from(issuer.keyPem).toString('base64') } },
    'merge',
    o.call,
  );
  o.progress(`updated secret ${ns}/${ISSUER_SECRET}; the identity controller reloads it without a restart`);
  return issuer;
}
