/**
 * Just enough DER reading to pull a certificate's raw issuer and subject names, independently of the X.509
 * library under test: Go and webpki chain certificates by comparing these bytes exactly.
 */
interface Element {
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

function element(der: Buffer, start: number): Element {
  const lengthByte = der[start + 1];
  let contentStart = start + 2;
  let length = lengthByte;
  // Long form: the low bits count the length bytes that follow.
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = (length << 8) | der[start + 2 + i];
    contentStart += count;
  }
  return { start, contentStart, end: contentStart + length };
}

function children(der: Buffer, parent: Element): Element[] {
  const out: Element[] = [];
  for (let at = parent.contentStart; at < parent.end; at = out[out.length - 1].end) out.push(element(der, at));
  return out;
}

/** The DER bytes of a certificate's issuer and subject Names. */
export function rawNames(certDer: Buffer): { issuer: Buffer; subject: Buffer } {
  const tbs = children(certDer, element(certDer, 0))[0];
  const fields = children(certDer, tbs);
  // An explicit [0] version tag shifts the fields: serial, signature, issuer, validity, subject.
  const base = certDer[fields[0].start] === 0xa0 ? 1 : 0;
  const bytes = (e: Element) => certDer.subarray(e.start, e.end);
  return { issuer: bytes(fields[base + 2]), subject: bytes(fields[base + 4]) };
}
