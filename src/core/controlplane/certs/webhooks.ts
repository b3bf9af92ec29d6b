import { createSelfSignedCa, issueCertificate } from './authority';
import { validityState } from './expiry';
import { parseCertificate, pemBlocks } from './pem';
import type { CertificateAndKey } from './types';
import { certificatePem, privateKeyPem, x509 } from './x509';

/** The admission webhooks served by the control plane, each behind Service `linkerd-<name>`. */
export const WEBHOOKS = ['proxy-injector', 'sp-validator', 'policy-validator'] as const;
export type WebhookName = (typeof WEBHOOKS)[number];

/** Same lifetime as the chart's generated webhook certificates. */
export const WEBHOOK_LIFETIME_DAYS = 365;

export interface WebhookCredentials {
  /** The CA certificate that goes into every webhook configuration's caBundle. */
  readonly caBundlePem: string;
  readonly servers: Readonly<Record<WebhookName, CertificateAndKey>>;
}

export function webhookService(name: WebhookName): string {
  return `linkerd-${name}`;
}

/** The DNS name the API server dials (and `linkerd check` verifies the serving certificate against). */
export function webhookHost(name: WebhookName, namespace: string): string {
  return `${webhookService(name)}.${namespace}.svc`;
}

/**
 * Serving certificates for the three webhooks, signed by one throw-away CA: its key is dropped here, so
 * renewing means generating everything again, which is what a re-render does anyway.
 */
export async function generateWebhookCredentials(namespace: string, now = new Date()): Promise<WebhookCredentials> {
  const ca = await createSelfSignedCa(`webhook.${namespace}.cluster.local`, 0, now, WEBHOOK_LIFETIME_DAYS);
  const serve = async (name: WebhookName): Promise<[WebhookName, CertificateAndKey]> => {
    const host = webhookHost(name, namespace);
    const { cert, keys } = await issueCertificate(ca, {
      commonName: host,
      now,
      days: WEBHOOK_LIFETIME_DAYS,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: host }]),
      ],
    });
    return [name, { certPem: certificatePem(cert), keyPem: await privateKeyPem(keys.privateKey) }];
  };
  // Key generation and signing run on libuv's thread pool, so the three certificates are made concurrently.
  const servers = Object.fromEntries(await Promise.all(WEBHOOKS.map(serve))) as Record<WebhookName, CertificateAndKey>;
  return { caBundlePem: certificatePem(ca.cert), servers };
}

/**
 * Why the API server would refuse a webhook's serving certificate (what `linkerd check`'s "webhook has valid
 * cert" verifies): it must be within its validity period, name the Service's DNS name, and be signed by a
 * certificate of the webhook configuration's caBundle. Undefined when it would be accepted.
 */
export function webhookCertificateProblem(certPem: string, caBundlePem: string, host: string, now = new Date()): string | undefined {
  const cert = pemBlocks(certPem).find((b) => b.type === 'CERTIFICATE');
  if (!cert) return 'the serving certificate is not a PEM certificate';
  const serving = parseCertificate(cert.der);
  const state = validityState(serving.cert.notBefore, serving.cert.notAfter, now);
  if (state === 'expired') return `the serving certificate expired on ${serving.cert.notAfter.toISOString()}`;
  if (state === 'not-yet-valid') return `the serving certificate is not valid before ${serving.cert.notBefore.toISOString()}`;
  if (!serving.native.checkHost(host)) return `the serving certificate is not for ${host} (it names ${serving.native.subjectAltName ?? serving.cert.subject})`;
  const cas = pemBlocks(caBundlePem).filter((b) => b.type === 'CERTIFICATE').map((b) => parseCertificate(b.der));
  if (!cas.some((ca) => serving.native.checkIssued(ca.native) && serving.native.verify(ca.native.publicKey))) {
    return 'the serving certificate is not signed by the caBundle of the webhook configuration, so the API server cannot reach the webhook';
  }
  return undefined;
}
