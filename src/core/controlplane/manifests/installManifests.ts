import type { ControlPlaneInput } from './context';
import { renderControlPlane } from './controlPlane';
import { renderCrds, renderGatewayApiCrds } from './crds';
import { ISSUER_SECRET, TRUST_ROOTS_CONFIGMAP } from './identityConfig';
import type { K8sObject } from './meta';

/** What an install applies, in order: CRDs (to wait for), then the control plane. */
export interface InstallManifests {
  readonly crds: readonly K8sObject[];
  readonly controlPlane: readonly K8sObject[];
}

/**
 * Everything `linkerd install --crds` (with the Gateway API route CRDs when the cluster has none) and
 * `linkerd install` apply. The control plane comes namespace first, then the trust roots and the issuer:
 * once any identity object exists the whole identity soon does, so an interrupted install resumes with
 * the anchors it started with.
 */
export function renderInstall(input: ControlPlaneInput & { readonly withGatewayApi: boolean }): InstallManifests {
  const options = { release: input.release, createdBy: input.createdBy };
  const rank = (o: K8sObject) => (o.kind === 'Namespace' ? 0 : o.metadata.name === TRUST_ROOTS_CONFIGMAP ? 1 : o.metadata.name === ISSUER_SECRET ? 2 : 3);
  return {
    crds: [...(input.withGatewayApi ? renderGatewayApiCrds(options) : []), ...renderCrds(options)],
    controlPlane: [...renderControlPlane(input)].sort((a, b) => rank(a) - rank(b)),
  };
}
