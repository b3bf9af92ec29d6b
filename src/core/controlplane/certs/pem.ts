import { X509Certificate } from 'node:crypto';
import { x509 } from './x509';

export interface PemBlock {
  readonly type: string;
  readonly der: ArrayBuffer;
}

/** Every PEM block in a text, in order (no blocks for text that holds none). */
export function pemBlocks(text: string): PemBlock[] {
  return x509.PemConverter.decodeWithHeaders(text).map((b) => ({ type: b.type, der: b.rawData }));
}

/**
 * One certificate, parsed twice: @peculiar/x509 reads the extensions and algorithms, Node's own parser (OpenSSL)
 * checks issuance, signatures and key pairs.
 */
export interface ParsedCertificate {
  readonly cert: x509.X509Certificate;
  readonly native: X509Certificate;
}

/** Throws with the parser's message when the bytes are not a certificate. */
export function parseCertificate(der: ArrayBuffer): ParsedCertificate {
  return { cert: new x509.X509Certificate(der), native: new X509Certificate(Buffer.from(der)) };
}
