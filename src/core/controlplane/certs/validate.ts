import { createPrivateKey, type KeyObject } from 'node:crypto';
import { issuerAlgorithmProblem, trustAnchorAlgorithmProblem } from './algorithms';
import { daysUntil, EXPIRY_WARNING_DAYS, validityState } from './expiry';
import { parseCertificate, pemBlocks, type ParsedCertificate } from './pem';
import type { IdentityMaterial } from './types';
import { x509 } from './x509';

export type CertificateRole = 'trust anchor' | 'issuer certificate' | 'issuer key';

/** What a problem is about, so `check` can report it under the matching one of `linkerd check`'s checks. */
export type ProblemAspect = 'algorithm' | 'validity' | 'chain' | 'other';

/** One reason Linkerd would reject (error) or warn about (warning) the given certificates, in words for people. */
export interface CertificateProblem {
  readonly severity: 'error' | 'warning';
  readonly role: CertificateRole;
  readonly message: string;
  readonly aspect: ProblemAspect;
}

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';
/** The encodings Linkerd's key decoder accepts; anything else fails with "unsupported block type". */
const KEY_BLOCK_TYPES = ['EC PRIVATE KEY', 'PRIVATE KEY', 'RSA PRIVATE KEY'];

class Findings {
  readonly problems: CertificateProblem[] = [];
  error(role: CertificateRole, message: string, aspect: ProblemAspect = 'other'): void {
    this.problems.push({ severity: 'error', role, message, aspect });
  }
  warning(role: CertificateRole, message: string, aspect: ProblemAspect = 'other'): void {
    this.problems.push({ severity: 'warning', role, message, aspect });
  }
}

function describe(c: ParsedCertificate): string {
  return `"${c.cert.subject}"`;
}

/**
 * Validates bring-your-own identity certificates the way `linkerd install` and `linkerd check` do, plus the
 * defects Linkerd lets through that break the mesh later (path length 0 on the anchor, a key in the bundle).
 */
export function validateIdentityMaterial(material: IdentityMaterial, now = new Date()): CertificateProblem[] {
  const findings = new Findings();
  const anchors = readTrustAnchors(material.trustAnchorsPem, findings);
  anchors.forEach((a) => checkTrustAnchor(a, findings, now));
  const issuer = readSingleCertificate(material.issuer.certPem, 'issuer certificate', findings);
  if (issuer) {
    checkIssuer(issuer, findings, now);
    checkIssuerKey(issuer, material.issuer.keyPem, findings);
    if (anchors.length) checkChain(issuer, anchors, findings);
  }
  return findings.problems;
}

export function errorsOnly(problems: readonly CertificateProblem[]): CertificateProblem[] {
  return problems.filter((p) => p.severity === 'error');
}

export function formatProblem(p: CertificateProblem): string {
  return `${p.severity}: ${p.role}: ${p.message}`;
}

/** Linkerd stops reading the bundle at the first non-certificate block, silently dropping the anchors after it. */
function readTrustAnchors(pem: string, findings: Findings): ParsedCertificate[] {
  const blocks = pemBlocks(pem);
  if (!blocks.length) findings.error('trust anchor', 'no PEM CERTIFICATE block found');
  const anchors: ParsedCertificate[] = [];
  for (const [i, block] of blocks.entries()) {
    if (block.type !== 'CERTIFICATE') {
      const key = block.type.includes('PRIVATE KEY') ? ', and a private key must never be shipped with the anchors' : '';
      findings.error('trust anchor', `block ${i + 1} of the bundle is a ${block.type}, not a CERTIFICATE: Linkerd stops reading there and ignores the rest${key}`);
      break;
    }
    const parsed = tryParse(block.der, 'trust anchor', findings);
    if (parsed) anchors.push(parsed);
  }
  return anchors;
}

function readSingleCertificate(pem: string, role: CertificateRole, findings: Findings): ParsedCertificate | undefined {
  const block = pemBlocks(pem).find((b) => b.type === 'CERTIFICATE');
  if (!block) {
    findings.error(role, 'no PEM CERTIFICATE block found');
    return undefined;
  }
  return tryParse(block.der, role, findings);
}

function tryParse(der: ArrayBuffer, role: CertificateRole, findings: Findings): ParsedCertificate | undefined {
  try {
    return parseCertificate(der);
  } catch (e) {
    findings.error(role, `cannot be parsed as an X.509 certificate (${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
}

function checkTrustAnchor(a: ParsedCertificate, findings: Findings, now: Date): void {
  const role = 'trust anchor';
  const algorithm = trustAnchorAlgorithmProblem(a);
  if (algorithm) findings.error(role, `${describe(a)} ${algorithm}`, 'algorithm');
  const constraints = a.cert.getExtension(x509.BasicConstraintsExtension);
  if (!constraints?.ca) findings.error(role, `${describe(a)} is not a CA (basicConstraints CA:TRUE is missing)`);
  else if (constraints.pathLength === 0) {
    findings.error(role, `${describe(a)} has path length 0: it cannot sign the issuer's workload certificates through the issuer, so every proxy would fail with "too many intermediates"; use path length 1 or none`);
  }
  checkCommon(a, role, findings, now, [SERVER_AUTH]);
}

function checkIssuer(c: ParsedCertificate, findings: Findings, now: Date): void {
  const role = 'issuer certificate';
  const algorithm = issuerAlgorithmProblem(c);
  if (algorithm) findings.error(role, `${describe(c)} ${algorithm}`, 'algorithm');
  if (!c.cert.getExtension(x509.BasicConstraintsExtension)?.ca) findings.error(role, `${describe(c)} is not a CA (basicConstraints CA:TRUE is missing), so it cannot sign workload certificates`);
  // Proxies verify the chain both as servers and as clients, so an EKU on the issuer must allow both.
  checkCommon(c, role, findings, now, [SERVER_AUTH, CLIENT_AUTH]);
}

/** Checks shared by anchors and issuers: key usage, extended key usage, serial number and validity window. */
function checkCommon(c: ParsedCertificate, role: CertificateRole, findings: Findings, now: Date, neededEku: readonly string[]): void {
  const usage = c.cert.getExtension(x509.KeyUsagesExtension);
  if (usage && !(usage.usages & x509.KeyUsageFlags.keyCertSign)) {
    findings.error(role, `${describe(c)} has a key usage without keyCertSign, so it may not sign certificates`);
  }
  const eku = c.cert.getExtension(x509.ExtendedKeyUsageExtension);
  const purposes = eku?.usages.map(String) ?? [];
  if (eku && !purposes.includes(ANY_EKU) && !neededEku.every((p) => purposes.includes(p))) {
    findings.error(role, `${describe(c)} has an extended key usage without ${neededEku.length > 1 ? 'serverAuth and clientAuth' : 'serverAuth'} ("incompatible key usage"); leave the extension out`);
  }
  // Only Node's reading keeps the sign: @peculiar/x509 drops the leading zero byte that keeps a serial positive.
  if (c.native.serialNumber.startsWith('-')) findings.error(role, `${describe(c)} has a negative serial number, which Go (and so Linkerd) refuses to parse`);
  const state = validityState(c.cert.notBefore, c.cert.notAfter, now);
  if (state === 'not-yet-valid') findings.error(role, `${describe(c)} is not valid before ${c.cert.notBefore.toISOString()}`, 'validity');
  else if (state === 'expired') findings.error(role, `${describe(c)} expired on ${c.cert.notAfter.toISOString()}`, 'validity');
  else if (state === 'expiring-soon') {
    findings.warning(role, `${describe(c)} will expire on ${c.cert.notAfter.toISOString()}, in ${daysUntil(c.cert.notAfter, now)} days (less than ${EXPIRY_WARNING_DAYS})`, 'validity');
  }
}

function checkIssuerKey(issuer: ParsedCertificate, keyPem: string, findings: Findings): void {
  const role = 'issuer key';
  const block = pemBlocks(keyPem)[0];
  if (!block) return findings.error(role, 'no PEM block found');
  if (!KEY_BLOCK_TYPES.includes(block.type)) return findings.error(role, `unsupported block type ${block.type}; use ${KEY_BLOCK_TYPES.join(', ')}`);
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (e) {
    return findings.error(role, `cannot be read as a private key (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!issuer.native.checkPrivateKey(key)) findings.error(role, `does not match the public key of the issuer certificate ${describe(issuer)}`);
}

/**
 * The issuer must name one of the anchors as its issuer and carry that anchor's valid signature. Go finds
 * parents by the exact DER bytes of the names, so that is what is compared; key identifiers are only hints.
 */
function checkChain(issuer: ParsedCertificate, anchors: readonly ParsedCertificate[], findings: Findings): void {
  const issuerName = Buffer.from(issuer.cert.issuerName.toArrayBuffer());
  const named = anchors.filter((a) => issuerName.equals(Buffer.from(a.cert.subjectName.toArrayBuffer())));
  if (!named.length) {
    const lookalike = anchors.some((a) => a.cert.subject === issuer.cert.issuer);
    findings.error(
      'issuer certificate',
      lookalike
        ? `${describe(issuer)} names "${issuer.cert.issuer}" as its issuer, but encoded differently from the trust anchor's subject; Linkerd compares the exact bytes, so issue it again from that anchor`
        : `${describe(issuer)} was issued by "${issuer.cert.issuer}", which is not any trust anchor (${anchors.map(describe).join(', ')})`,
      'chain',
    );
  } else if (!named.some((a) => issuer.native.verify(a.native.publicKey))) {
    findings.error('issuer certificate', `${describe(issuer)} names ${describe(named[0])} as its issuer but is not signed by that anchor's key`, 'chain');
  }
}
