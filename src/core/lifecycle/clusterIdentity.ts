import type { ClusterClient, KubeObject } from '../cluster/client';
import type { CallOptions } from '../cluster/transport';
import type { IdentityMaterial } from '../controlplane/certs/types';
import { ISSUER_SECRET, TRUST_ROOTS_CONFIGMAP, TRUST_ROOTS_KEY } from '../controlplane/manifests/identityConfig';

type Data = KubeObject & { data?: Record<string, string> };

/**
 * The identity already in the cluster (trust anchors and issuer), if a previous install put it there.
 * Install resumes with it and upgrade keeps it: replacing the anchors would cut every meshed pod off.
 */
export async function readClusterIdentity(client: ClusterClient, namespace: string, call: CallOptions): Promise<IdentityMaterial | undefined> {
  const roots = await client.tryGet<Data>('v1', 'ConfigMap', TRUST_ROOTS_CONFIGMAP, namespace, call);
  const issuer = await client.tryGet<Data>('v1', 'Secret', ISSUER_SECRET, namespace, call);
  const anchors = roots?.data?.[TRUST_ROOTS_KEY];
  const cert = issuer?.data?.['crt.pem'];
  const key = issuer?.data?.['key.pem'];
  if (!anchors || !cert || !key) return undefined;
  const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
  return { trustAnchorsPem: anchors, issuer: { certPem: text(cert), keyPem: text(key) } };
}
