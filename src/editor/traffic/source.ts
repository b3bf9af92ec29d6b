// Where the panel's numbers come from: the current context, checked for Linkerd, then the metrics core.
import type { ClusterClient } from '../../core/cluster/client';
import type { TrafficModel } from '../../core/metrics/model';
import type { ModelReader } from '../../core/traffic/reader';
import { PodWatch } from '../../core/traffic/podWatch';
import { readTraffic } from '../../core/traffic/readTraffic';
import type { TrafficSnapshot } from '../../shared/trafficProtocol';
import { toSnapshot } from './snapshot';
import { DEFAULT_CONTROL_PLANE_NAMESPACE } from '../../core/linkerd';

/** One read: the model (the policy lenses want its authorizations) and the snapshot the pages get. */
export interface SourceRead {
  readonly model: TrafficModel;
  readonly snapshot: TrafficSnapshot;
  /**
   * The 15 minutes before this read, as snapshots of the same context, pods and origin at each history frame of
   * a view polling every `intervalSeconds`, oldest first; only when the source keeps a past (Prometheus).
   */
  readonly past?: (intervalSeconds: number, signal: AbortSignal) => Promise<TrafficSnapshot[]>;
}

export interface TrafficSource {
  read(signal: AbortSignal): Promise<SourceRead>;
  /** Ends whatever the source keeps open between reads (a pod watch): called whenever nothing shows traffic. */
  close(): void;
}

export class ClusterTrafficSource implements TrafficSource {
  /** Contexts (and control-plane namespaces) where Linkerd was found; checked again only after a failure, not on every poll. */
  private readonly withLinkerd = new Set<string>();
  /** The current client's pods between polls; opened on the first read after the view is shown. */
  private pods: PodWatch | undefined;

  constructor(
    private readonly client: () => Promise<ClusterClient>,
    private readonly reader: ModelReader,
    private readonly now: () => number = Date.now,
    private readonly controlPlaneNs: () => string = () => DEFAULT_CONTROL_PLANE_NAMESPACE,
  ) {}

  async read(signal: AbortSignal): Promise<SourceRead> {
    const client = await this.client();
    const ns = this.controlPlaneNs();
    const key = `${client.contextName}\n${ns}`;
    if (this.pods?.client !== client || this.pods.controlPlaneNs !== ns) {
      this.pods?.close();
      this.pods = new PodWatch(client, ns);
    }
    try {
      const pods = this.pods;
      const read = await readTraffic(client, this.reader, signal, !this.withLinkerd.has(key), ns, pods);
      this.withLinkerd.add(key);
      const snapshot = toSnapshot(read, client.contextName, this.now());
      const readPast = this.reader.past?.(read.source);
      // Today's pods stand for the past's: every past model then has the node ids of the live reads it lines up with.
      const past = readPast && (async (intervalSeconds: number, pastSignal: AbortSignal) => {
        const models = await readPast(client, await pods.list({ signal: pastSignal, timeoutMs: 8000 }), snapshot.updatedAt, intervalSeconds, pastSignal);
        return models.map(({ at, model }) => toSnapshot({ ...read, model }, client.contextName, at));
      });
      return { model: read.model, snapshot, ...(past ? { past } : {}) };
    } catch (e) {
      this.withLinkerd.delete(key);
      throw e;
    }
  }

  close(): void {
    this.pods?.close();
    this.pods = undefined;
  }
}
