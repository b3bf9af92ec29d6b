import { ClusterError } from '../cluster/errors';
import { certificateExpiry } from '../controlplane/certs/expiry';
import { bundleContains } from '../controlplane/certs/identity';
import type { CertificateAndKey, IdentityMaterial } from '../controlplane/certs/types';

/**
 * Where the caller keeps a context's trust anchor (its key never goes to the cluster): a folder for the
 * CLI, VS Code's secret storage for the extension.
 */
export interface LocalAnchor {
  /** Where it is kept, in words for messages (a folder, or "VS Code's secret storage"). */
  readonly where: string;
  load(): Promise<CertificateAndKey | undefined>;
  /** Stores a new anchor; refuses to replace one that is there (it never overwrites silently). */
  save(anchor: CertificateAndKey): Promise<void>;
}

/** When the cluster trusts one anchor and the local store holds another, which one the install keeps. */
export type IdentityChoice = 'cluster' | 'local';

/** How an install gets its identity, decided before anything in the cluster or on disk changes. */
export type IdentityPlan =
  | { readonly kind: 'reuse-cluster'; readonly identity: IdentityMaterial; readonly message: string }
  | { readonly kind: 'from-local'; readonly anchor: CertificateAndKey; readonly replacesCluster: boolean; readonly message: string }
  | { readonly kind: 'create'; readonly message: string };

/** The cluster trusts another anchor than the stored one: the caller asks which to keep and installs again. */
export class IdentityConflict extends ClusterError {
  constructor(message: string, hint: string) {
    super('conflict', message, hint);
  }
}

/** What the cluster holds: the trust roots alone (an install stopped between them and the issuer), or both. */
export interface ClusterAnchors {
  readonly trustAnchorsPem?: string;
  readonly identity?: IdentityMaterial;
}

const describe = (anchor: CertificateAndKey) => {
  const e = certificateExpiry(anchor.certPem);
  return `expires ${e.notAfter.toISOString().slice(0, 10)}`;
};

/**
 * The identity decision of an install, with its reason in words:
 * - the cluster holds an identity: keep it (a resumed or repeated install), whatever is stored locally,
 *   unless the local anchor differs, which needs the user's choice;
 * - the cluster holds none but an anchor is stored for this context (a recreated kind/k3d cluster, or an
 *   install stopped after storing it): issue a new issuer from that anchor;
 * - neither: create a new anchor, stored locally before anything reaches the cluster.
 */
export function planIdentity(cluster: ClusterAnchors, local: CertificateAndKey | undefined, where: string, context: string, choice?: IdentityChoice): IdentityPlan {
  const clusterAnchors = cluster.identity?.trustAnchorsPem ?? cluster.trustAnchorsPem;
  if (!clusterAnchors) {
    return local
      ? { kind: 'from-local', anchor: local, replacesCluster: false, message: `reusing the trust anchor stored in ${where} for "${context}" (${describe(local)}) with a new issuer` }
      : { kind: 'create', message: `created a new trust anchor; its key is stored in ${where}` };
  }
  const matches = local !== undefined && bundleContains(clusterAnchors, local.certPem);
  if (cluster.identity && (!local || matches || choice === 'cluster')) {
    const note = !local
      ? `its anchor key is not in ${where}: import it there before rotating the issuer`
      : matches
        ? `it is signed by the trust anchor stored in ${where}`
        : `the different anchor stored in ${where} is left as it is and does not sign this cluster's issuer`;
    return { kind: 'reuse-cluster', identity: cluster.identity, message: `reusing the identity (trust anchors and issuer) already in the cluster; ${note}` };
  }
  if (local && (matches || choice === 'local')) {
    return matches
      ? { kind: 'from-local', anchor: local, replacesCluster: false, message: `the cluster trusts the anchor stored in ${where} but has no issuer: issuing one` }
      : {
          kind: 'from-local',
          anchor: local,
          replacesCluster: true,
          message: `replacing the cluster's trust anchors with the anchor stored in ${where}: restart every meshed workload afterwards, their proxies still trust the old anchors`,
        };
  }
  if (!local) {
    throw new ClusterError(
      'conflict',
      `The cluster's trust roots are there but its issuer is not, and the anchor that signs them is not stored in ${where}.`,
      'Import that trust anchor (certificate and key) and install again; or uninstall Linkerd to start over with a new anchor.',
    );
  }
  throw new IdentityConflict(
    `The cluster "${context}" trusts another trust anchor than the one stored in ${where} (${describe(local)}).`,
    'Choose one: keep the cluster\'s identity (meshed workloads keep working; import its anchor to rotate issuers later), or replace it with the stored anchor (every meshed workload must then be restarted).',
  );
}
