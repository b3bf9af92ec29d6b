import { BUNDLED } from '../../src/core/controlplane/catalog';

/** Every way our CRDs may differ from `linkerd install --crds` 2.20's beyond prose, and why. */
export const CRD_ALLOWLIST: readonly { path: RegExp; reason: string; expect: (ours: unknown, linkerd: unknown) => boolean }[] = [
  {
    path: /^metadata\.annotations\.linkerd\.io\/created-by$/,
    reason: 'We record Meshaware as the creator, as the linkerd CLI records itself.',
    expect: (ours) => ours === `meshaware ${BUNDLED.edge}`,
  },
  {
    path: /^status$/,
    reason: "The route CRDs ship with the empty status their generator writes; a CRD's status is the API server's to fill in.",
    expect: (ours) => ours === undefined,
  },
  {
    path: /^metadata\.labels\.helm\.sh\/chart$/,
    reason: 'We are not Helm: the chart label names the chart build that rendered the CRDs.',
    expect: (ours) => ours === undefined,
  },
];
