import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface KeyedCertificate {
  certificate: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
  certPem: string;
  keyPem: string;
}

export interface CertificateRequest {
  commonName: string;
  /** Signs with this CA; self-signed when absent. */
  issuer?: KeyedCertificate;
  isCa: boolean;
  days?: number;
  notBefore?: Date;
  dnsNames?: string[];
  ipAddresses?: string[];
  serverAuth?: boolean;
}

/** Issues an ECDSA P-256 certificate, the only key type every party involved (Node, kubectl, Linkerd) accepts. */
export async function issueCertificate(request: CertificateRequest): Promise<KeyedCertificate> {
  const keys = (await webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const notBefore = request.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + (request.days ?? 365) * 86_400_000);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(request.isCa, undefined, true),
    new x509.KeyUsagesExtension(
      request.isCa ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (request.serverAuth) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]));
  const names = [
    ...(request.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(request.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  const serialNumber = (0x10 + Math.floor(Math.random() * 0x6f)).toString(16) + [...webcrypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const base = { serialNumber, notBefore, notAfter, signingAlgorithm: EC_P256, extensions };
  const certificate = request.issuer
    ? await x509.X509CertificateGenerator.create({
        ...base,
        subject: `CN=${request.commonName}`,
        issuer: request.issuer.certificate.subject,
        publicKey: keys.publicKey,
        signingKey: request.issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...base, name: `CN=${request.commonName}`, keys });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certificate, keys, certPem: certificate.toString('pem'), keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}
