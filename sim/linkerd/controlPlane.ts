import { generateIdentityCredentials, identityMaterial } from '../../src/core/controlplane/certs/identity';
import type { IdentityMaterial } from '../../src/core/controlplane/certs/types';
import { generateWebhookCredentials } from '../../src/core/controlplane/certs/webhooks';
import { renderInstall } from '../../src/core/controlplane/manifests/installManifests';
import type { KubeObject } from '../store/types';
import { CONTROL_PLANE_NS } from './constants';

/**
 * What Meshaware's install applies to a fresh simulated cluster, in order: the Gateway API route CRDs (it
 * has none), Linkerd's CRDs and the control plane, rendered by the product itself with the facts install
 * would read here (API server ports 443 and 6443, containerd nodes). `--linkerd installed` starts from
 * exactly this, so `check` judges the same control plane a user's install produces; the Linkerd tier
 * holds the rendering against Linkerd's own charts.
 */
export async function installedControlPlane(identity?: IdentityMaterial): Promise<KubeObject[]> {
  const manifests = renderInstall({
    identity: identity ?? identityMaterial(await generateIdentityCredentials()),
    webhooks: await generateWebhookCredentials(CONTROL_PLANE_NS),
    withGatewayApi: true,
  });
  return [...manifests.crds, ...manifests.controlPlane] as KubeObject[];
}
