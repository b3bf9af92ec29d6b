// @peculiar/x509 resolves its algorithm providers through tsyringe, which throws unless reflect-metadata is loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

export type KeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto);

export { x509 };

/** Linkerd's issuer (and every proxy's leaf) must be ECDSA P-256 signed with SHA-256: the identity controller hard-codes it. */
export const EC_P256: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
export const ECDSA_SHA256: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

export async function generateP256(): Promise<KeyPair> {
  return (await webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']));
}

/** PKCS#8 (`PRIVATE KEY`) is one of the three key encodings Linkerd's decoder accepts, and the one WebCrypto exports. */
export async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return `${x509.PemConverter.encode(der, 'PRIVATE KEY')}\n`;
}

/** PEM text of a certificate, newline-terminated like the files openssl and Linkerd's tools write. */
export function certificatePem(cert: x509.X509Certificate): string {
  return `${cert.toString('pem')}\n`;
}

/**
 * A random 16-byte serial. The top bit is cleared so the DER integer is positive (Go >= 1.23 rejects negative
 * serials) and the next bit set so it is always minimally encoded at full length.
 */
export function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return Buffer.from(bytes).toString('hex');
}
