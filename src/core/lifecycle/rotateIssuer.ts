import type { ClusterClient } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import type { CallOptions } from '../cluster/transport';
import { certificateExpiry } from '../controlplane/certs/expiry';
import { AnchorKeyError, issueIssuer } from '../controlplane/certs/identity';
import type { CertificateAndKey } from '../controlplane/certs/types';
import { errorsOnly, formatProblem, validateIdentityMaterial } from '../controlplane/certs/validate';
import { ISSUER_SECRET } from '../controlplane/manifests/identityConfig';
import { LINKERD_CONFIG, withIssuerInValues } from '../controlplane/manifests/linkerdConfig';
import { base64Pem } from '../controlplane/manifests/meta';
import { CONFIG_OVERRIDES_SECRET, withIssuerInOverrides } from '../controlplane/manifests/overrides';
import { readClusterIdentity } from './clusterIdentity';
import type { Progress } from './steps';

type Data = { data?: Record<string, string> };

/**
 * Rotates the identity issuer without downtime: a new issuer signed by the stored anchor replaces the Secret
 * in place; the identity controller watches it and reloads, and existing proxy certificates stay valid because
 * the anchor is unchanged. The install's records follow: linkerd-config's values (read by `linkerd check`
 * and the injector) and the overrides Secret (read by the linkerd CLI's upgrade, which would otherwise bring
 * the old issuer back).
 */
export async function rotateIssuer(client: ClusterClient, anchor: CertificateAndKey, o: { namespace?: string; days?: number; now?: Date; progress: Progress; call: CallOptions }): Promise<CertificateAndKey> {
  const ns = o.namespace ?? 'linkerd';
  const current = await readClusterIdentity(client, ns, o.call);
  if (!current) throw new ClusterError('notFound', `No Linkerd identity in namespace "${ns}".`, 'Install Linkerd first.');
  const issuer = await issueIssuer(anchor, { now: o.now, days: o.days }).catch((e: unknown) => {
    throw e instanceof AnchorKeyError ? new ClusterError('invalid', e.message, 'Use the unencrypted PKCS#8 key that install, "meshaware certs generate" or Export Trust Anchor wrote.') : e;
  });
  const problems = errorsOnly(validateIdentityMaterial({ trustAnchorsPem: current.trustAnchorsPem, issuer }));
  if (problems.length) {
    throw new ClusterError('invalid', `The new issuer does not chain to the cluster's trust anchors: ${problems.map(formatProblem).join('; ')}`, 'The stored anchor is not the one this cluster trusts: import the right anchor key.');
  }
  o.progress(`issued a new issuer valid until ${certificateExpiry(issuer.certPem).notAfter.toISOString()}`);
  await client.patch('v1', 'Secret', ISSUER_SECRET, ns, { data: { 'crt.pem': base64Pem(issuer.certPem), 'key.pem': base64Pem(issuer.keyPem) } }, 'merge', o.call);
  o.progress(`updated secret ${ns}/${ISSUER_SECRET}; the identity controller reloads it without a restart`);
  const config = await client.tryGet<Data>('v1', 'ConfigMap', LINKERD_CONFIG, ns, o.call);
  if (config?.data?.values !== undefined) {
    await client.patch('v1', 'ConfigMap', LINKERD_CONFIG, ns, { data: { values: withIssuerInValues(config.data.values, issuer.certPem) } }, 'merge', o.call);
    o.progress(`recorded the new issuer in configmap ${ns}/${LINKERD_CONFIG}`);
  }
  const overrides = await client.tryGet<Data>('v1', 'Secret', CONFIG_OVERRIDES_SECRET, ns, o.call);
  const stored = overrides?.data?.[CONFIG_OVERRIDES_SECRET];
  if (stored !== undefined) {
    await client.patch('v1', 'Secret', CONFIG_OVERRIDES_SECRET, ns, { data: { [CONFIG_OVERRIDES_SECRET]: withIssuerInOverrides(stored, issuer) } }, 'merge', o.call);
    o.progress(`recorded the new issuer in secret ${ns}/${CONFIG_OVERRIDES_SECRET}`);
  }
  return issuer;
}
