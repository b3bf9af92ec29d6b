import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import type { ObjectApi } from '../api/objects';
import type { Pod, PodBehaviour } from '../cluster/podTypes';
import { CONTROL_PLANE_NS, ISSUER_SECRET, TRUST_ROOTS_CONFIGMAP, versionOf } from './constants';

/**
 * The identity controller's start-up checks on its issuer credentials (key matches certificate, the
 * issuer is a CA inside its validity window and chains to a trust anchor). Returns why it would exit,
 * in the words of the log line it writes, or undefined when it starts.
 */
export function issuerProblem(api: ObjectApi, now = new Date()): string | undefined {
  const secret = api.find(api.typeOf('Secret'), CONTROL_PLANE_NS, ISSUER_SECRET);
  if (!secret) return `failed to read issuer credentials: secrets "${ISSUER_SECRET}" not found`;
  const data = (secret.data ?? {}) as Record<string, string>;
  const decode = (key: string) => (data[key] ? Buffer.from(data[key], 'base64').toString() : undefined);
  const certPem = decode('crt.pem') ?? decode('tls.crt');
  const keyPem = decode('key.pem') ?? decode('tls.key');
  if (!certPem || !keyPem) return 'failed to read issuer credentials: the secret has no crt.pem/key.pem (or tls.crt/tls.key)';

  const roots = api.find(api.typeOf('ConfigMap'), CONTROL_PLANE_NS, TRUST_ROOTS_CONFIGMAP);
  const anchorsPem = (roots?.data as Record<string, string> | undefined)?.['ca-bundle.crt'];
  if (!anchorsPem) return `failed to read trust anchors: configmaps "${TRUST_ROOTS_CONFIGMAP}" has no ca-bundle.crt`;
  let anchors: X509Certificate[];
  let issuer: X509Certificate;
  try {
    anchors = certificateBlocks(anchorsPem).map((pem) => new X509Certificate(pem));
    if (anchors.length === 0) return 'failed to read trust anchors: no certificates found in ca-bundle.crt';
  } catch (error) {
    return `failed to read trust anchors: ${(error as Error).message}`;
  }
  try {
    issuer = new X509Certificate(certPem);
  } catch (error) {
    return `failed to read issuer certificate: ${(error as Error).message}`;
  }
  try {
    const publicOfKey = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
    if (!publicOfKey.equals(issuer.publicKey.export({ type: 'spki', format: 'der' }))) return 'tls: private key does not match public key';
  } catch (error) {
    return `failed to read issuer key: unsupported block type or invalid key (${(error as Error).message})`;
  }
  if (!issuer.ca) return 'failed to verify issuer certs stored on disk: issuer certificate is not a CA';
  if (now < new Date(issuer.validFrom) || now > new Date(issuer.validTo)) {
    return `failed to verify issuer certs stored on disk: x509: certificate has expired or is not yet valid: current time ${now.toISOString().replace(/\.\d+Z$/, 'Z')} is outside ${new Date(issuer.validFrom).toISOString()} - ${new Date(issuer.validTo).toISOString()}`;
  }
  const signer = anchors.find((anchor) => issuer.checkIssued(anchor) && issuer.verify(anchor.publicKey));
  if (!signer) return 'failed to verify issuer certs stored on disk: x509: certificate signed by unknown authority';
  if (now > new Date(signer.validTo)) return 'failed to verify issuer certs stored on disk: x509: certificate has expired or is not yet valid';
  return undefined;
}

/** The PEM blocks of a bundle up to the first non-certificate block, where Linkerd's parser stops. */
function certificateBlocks(bundle: string): string[] {
  const blocks: string[] = [];
  for (const match of bundle.matchAll(/-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g)) {
    if (match[1] !== 'CERTIFICATE') break;
    blocks.push(match[0]);
  }
  return blocks;
}

/** The identity container crash-loops while its credentials fail the checks above. */
export function identityController(api: ObjectApi): PodBehaviour {
  const isIdentity = (pod: Pod) => pod.metadata.namespace === CONTROL_PLANE_NS && pod.metadata.labels?.['linkerd.io/control-plane-component'] === 'identity';
  return {
    crashReason(pod, container) {
      if (!isIdentity(pod) || container !== 'identity') return undefined;
      const problem = issuerProblem(api);
      return problem && `time="${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}" level=fatal msg="Failed to initialize identity service: ${problem.replace(/"/g, '\\"')}"`;
    },
    startupLogs(pod, container) {
      if (!isIdentity(pod) || container !== 'identity') return [];
      const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      return [`time="${at}" level=info msg="running version ${versionOf(pod, 'identity')}"`, `time="${at}" level=info msg="starting gRPC server on :8080"`];
    },
  };
}
