import { createHash } from 'node:crypto';
import { BUNDLED, imageString, type LinkerdRelease } from '../catalog';
import type { IdentityMaterial } from '../certs/types';
import type { WebhookCredentials } from '../certs/webhooks';
import { CLUSTER_NETWORKS, KUBE_API_SERVER_PORTS } from './defaults';

/** What a control-plane rendering needs: certificates always come from outside, so rendering is pure and fast. */
export interface ControlPlaneInput {
  readonly identity: IdentityMaterial;
  readonly webhooks: WebhookCredentials;
  readonly release?: LinkerdRelease;
  /** Recorded in `linkerd.io/created-by`, as the linkerd CLI records its own version. */
  readonly createdBy?: string;
  /** From the cluster's `default/kubernetes` Service (port and targetPort), when known. */
  readonly kubeApiServerPorts?: string;
  readonly clusterNetworks?: string;
  /** The heartbeat runs daily at the minute and hour of the install, as `linkerd install` schedules it. */
  readonly now?: Date;
}

/** Everything the object builders read, resolved once. */
export interface RenderContext {
  readonly release: LinkerdRelease;
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly trustDomain: string;
  readonly clusterNetworks: string;
  readonly kubeApiServerPorts: string;
  readonly createdBy: string;
  readonly heartbeatSchedule: string;
  readonly identity: IdentityMaterial;
  readonly webhooks: WebhookCredentials;
  /** Hex SHA-256 of the exact anchor PEM: a pod-template annotation, so changing anchors rolls the pods. */
  readonly trustRootSha256: string;
  readonly controllerImage: string;
  readonly proxyImage: string;
  readonly proxyInitImage: string;
}

export function resolveContext(input: ControlPlaneInput): RenderContext {
  const release = input.release ?? BUNDLED;
  const now = input.now ?? new Date();
  return {
    release,
    namespace: 'linkerd',
    clusterDomain: 'cluster.local',
    trustDomain: 'cluster.local',
    clusterNetworks: input.clusterNetworks ?? CLUSTER_NETWORKS,
    kubeApiServerPorts: input.kubeApiServerPorts ?? KUBE_API_SERVER_PORTS,
    createdBy: input.createdBy ?? `meshaware ${release.edge}`,
    heartbeatSchedule: `${now.getUTCMinutes()} ${now.getUTCHours()} * * *`,
    identity: input.identity,
    webhooks: input.webhooks,
    trustRootSha256: createHash('sha256').update(input.identity.trustAnchorsPem).digest('hex'),
    controllerImage: imageString(release.images.controller),
    proxyImage: imageString(release.images.proxy),
    proxyInitImage: imageString(release.images.proxyInit),
  };
}
