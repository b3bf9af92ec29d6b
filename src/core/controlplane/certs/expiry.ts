import { DAY_MS } from './authority';
import { parseCertificate, pemBlocks } from './pem';

/** `linkerd check` warns when a trust anchor, issuer or webhook certificate has fewer days left than this. */
export const EXPIRY_WARNING_DAYS = 60;

export type ValidityState = 'not-yet-valid' | 'expired' | 'expiring-soon' | 'valid';

/** Whole days from `now` until `date`; negative once it has passed. */
export function daysUntil(date: Date, now = new Date()): number {
  return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}

export function validityState(notBefore: Date, notAfter: Date, now = new Date()): ValidityState {
  if (now < notBefore) return 'not-yet-valid';
  if (now > notAfter) return 'expired';
  return daysUntil(notAfter, now) < EXPIRY_WARNING_DAYS ? 'expiring-soon' : 'valid';
}

export interface CertificateExpiry {
  readonly notAfter: Date;
  readonly daysLeft: number;
  readonly state: ValidityState;
}

/** Expiry of the first certificate in a PEM text, for status displays. Throws when there is none. */
export function certificateExpiry(pem: string, now = new Date()): CertificateExpiry {
  const block = pemBlocks(pem).find((b) => b.type === 'CERTIFICATE');
  if (!block) throw new Error('no CERTIFICATE block in the PEM text');
  const { cert } = parseCertificate(block.der);
  return { notAfter: cert.notAfter, daysLeft: daysUntil(cert.notAfter, now), state: validityState(cert.notBefore, cert.notAfter, now) };
}
