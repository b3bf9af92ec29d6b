import { createHash } from 'node:crypto';
import { BUNDLED, imageString, type LinkerdRelease } from '../catalog';
import type { IdentityMaterial } from '../certs/types';
import type { WebhookCredentials } from '../certs/webhooks';
import { CLUSTER_NETWORKS, KUBE_API_SERVER_PORTS } from './defaults';
import { DEFAULT_CONTROL_PLANE_NAMESPACE } from '../../linkerd';

/** Options every rendering takes. */
export interface RenderOptions {
  readonly release?: LinkerdRelease;
  /** Recorded in `linkerd.io/created-by`, as the linkerd CLI records its own version. */
  readonly createdBy?: string;
  /** The control plane's namespace (default `linkerd`). */
  readonly namespace?: string;
}

/** What a control-plane rendering needs: certificates always come from outside, so rendering is pure and fast. */
export interface ControlPlaneInput extends RenderOptions {
  readonly identity: IdentityMaterial;
  readonly webhooks: WebhookCredentials;
  /** From the cluster's `default/kubernetes` Service (port and targetPort), when known. */
  readonly kubeApiServerPorts?: string;
  readonly clusterNetworks?: string;
  /** Nodes on the docker runtime only let root write iptables rules (linkerd's `proxyInit.runAsRoot`). */
  readonly proxyInitRunAsRoot?: boolean;
  /** The heartbeat runs daily at the minute and hour of the install, as `linkerd install` schedules it. */
  readonly now?: Date;
}

/** What every object's metadata needs. */
export interface BaseContext {
  readonly release: LinkerdRelease;
  readonly namespace: string;
  readonly createdBy: string;
}

export function resolveBase(options: RenderOptions): BaseContext {
  const release = options.release ?? BUNDLED;
  return { release, namespace: options.namespace ?? DEFAULT_CONTROL_PLANE_NAMESPACE, createdBy: options.createdBy ?? `meshaware ${release.edge}` };
}

/** Everything the control-plane object builders read, resolved once. */
export interface RenderContext extends BaseContext {
  readonly clusterDomain: string;
  readonly trustDomain: string;
  readonly clusterNetworks: string;
  readonly kubeApiServerPorts: string;
  readonly proxyInitRunAsRoot: boolean;
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
  const base = resolveBase(input);
  const { release } = base;
  const now = input.now ?? new Date();
  return {
    ...base,
    clusterDomain: 'cluster.local',
    trustDomain: 'cluster.local',
    clusterNetworks: input.clusterNetworks ?? CLUSTER_NETWORKS,
    kubeApiServerPorts: input.kubeApiServerPorts ?? KUBE_API_SERVER_PORTS,
    proxyInitRunAsRoot: input.proxyInitRunAsRoot ?? false,
    heartbeatSchedule: `${now.getUTCMinutes()} ${now.getUTCHours()} * * *`,
    identity: input.identity,
    webhooks: input.webhooks,
    trustRootSha256: createHash('sha256').update(input.identity.trustAnchorsPem).digest('hex'),
    controllerImage: imageString(release.images.controller),
    proxyImage: imageString(release.images.proxy),
    proxyInitImage: imageString(release.images.proxyInit),
  };
}
