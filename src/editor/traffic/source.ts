// Where the panel's numbers come from: the current context, checked for Linkerd, then the metrics core.
import type { ClusterClient } from '../../core/cluster/client';
import { detectLinkerd } from '../../core/cluster/workloads';
import type { PodMeta, TrafficModel } from '../../core/metrics/model';
import type { TrafficSnapshot, TrafficSourceKind } from '../../shared/trafficProtocol';
import { LinkerdAbsentError } from './problems';
import { listPods } from './pods';
import { toSnapshot } from './snapshot';

export interface TrafficSource {
  read(signal: AbortSignal): Promise<TrafficSnapshot>;
}

/** Turns the cluster's pods into the traffic model, from Prometheus or from the proxies. */
export interface ModelReader {
  read(client: ClusterClient, pods: readonly PodMeta[], signal: AbortSignal): Promise<{ model: TrafficModel; source: TrafficSourceKind }>;
}

const LINKERD_NS = 'linkerd';

export class ClusterTrafficSource implements TrafficSource {
  /** Contexts where Linkerd was found; checked again only after a failure, not on every poll. */
  private readonly withLinkerd = new Set<string>();

  constructor(
    private readonly client: () => Promise<ClusterClient>,
    private readonly reader: ModelReader,
    private readonly now: () => number = Date.now,
  ) {}

  async read(signal: AbortSignal): Promise<TrafficSnapshot> {
    const client = await this.client();
    const opts = { signal, timeoutMs: 8000, retries: 0 };
    if (!this.withLinkerd.has(client.contextName)) {
      const linkerd = await detectLinkerd(client, LINKERD_NS, opts);
      if (!linkerd.installed) throw new LinkerdAbsentError(client.contextName, LINKERD_NS);
      this.withLinkerd.add(client.contextName);
    }
    try {
      const pods = await listPods(client, LINKERD_NS, undefined, opts);
      const { model, source } = await this.reader.read(client, pods, signal);
      return toSnapshot(model, client.contextName, source, this.now());
    } catch (e) {
      this.withLinkerd.delete(client.contextName);
      throw e;
    }
  }
}
