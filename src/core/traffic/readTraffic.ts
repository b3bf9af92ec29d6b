import { setMaxListeners } from 'node:events';
import type { ClusterClient } from '../cluster/client';
import { detectLinkerd } from '../cluster/workloads';
import { LinkerdAbsentError } from './errors';
import { listPods, systemNamespaces } from './pods';
import type { PodWatch } from './podWatch';
import type { ModelReader, TrafficRead } from './reader';
import { DEFAULT_CONTROL_PLANE_NAMESPACE } from '../linkerd';

/**
 * One read of the cluster's traffic: the pods (meshed or not) and the model from the chosen source. The
 * panel and `meshaware edges`/`stat` share it. `checkLinkerd` is skipped by callers that already know.
 * Pods count as meshed when their proxy belongs to the control plane in `controlPlaneNs`; a reader that polls
 * passes a `watch` of the same client's pods (watching for that control plane) instead of listing them every time.
 */
export async function readTraffic(client: ClusterClient, reader: ModelReader, signal: AbortSignal, checkLinkerd = true, controlPlaneNs = DEFAULT_CONTROL_PLANE_NAMESPACE, watch?: PodWatch): Promise<TrafficRead> {
  // Every API call and proxy scrape of one read listens on this signal: many listeners are expected, not a leak.
  setMaxListeners(0, signal);
  // The transport's default retries: one transient 500 must not fail a read.
  const opts = { signal, timeoutMs: 8000 };
  if (checkLinkerd) {
    const linkerd = await detectLinkerd(client, controlPlaneNs, opts);
    if (!linkerd.installed) throw new LinkerdAbsentError(client.contextName, controlPlaneNs);
  }
  const pods = watch ? await watch.list(opts) : await listPods(client, controlPlaneNs, undefined, opts);
  return { ...(await reader.read(client, pods, signal)), systemNamespaces: systemNamespaces(pods) };
}
