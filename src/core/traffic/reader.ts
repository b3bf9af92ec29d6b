// Chooses and runs the metrics core's source for the current context: linkerd-viz's Prometheus when it is
// installed (the path that scales), else the proxies themselves, scraped through the API server. The sources
// are strategies in sources.ts.
import type { ClusterClient } from '../cluster/client';
import type { PodMeta, TrafficModel } from '../metrics/model';
import { TRAFFIC_SOURCES, type TrafficSourceKind } from '../../shared/trafficProtocol';
import { SOURCES, type SourceOptions, type SourcePast, type SourceRead, type SourceSetting } from './sources';
import type { UnreadPod } from './unread';

/** One read of the cluster's traffic, with what the view and the CLI must say beside the numbers. */
export interface TrafficRead {
  readonly model: TrafficModel;
  readonly source: TrafficSourceKind;
  /** Where the numbers came from, in words: shown in the view so that a configured source is never hidden. */
  readonly origin: string;
  /** Meshed pods whose proxy could not be read (proxies source); their traffic is missing from the model. */
  readonly unread: readonly UnreadPod[];
  /** Meshed pods in the cluster. */
  readonly meshedPods: number;
  /** Namespaces of Linkerd's control plane and its extensions (see systemNamespaces). */
  readonly systemNamespaces?: readonly string[];
}

/** Turns the cluster's pods into the traffic model, from Prometheus or from the proxies. */
export interface ModelReader {
  read(client: ClusterClient, pods: readonly PodMeta[], signal: AbortSignal): Promise<TrafficRead>;
  /** How to read the past of the source a read came from (its `source`), when that source keeps one. */
  past?(source: TrafficSourceKind): SourcePast | undefined;
}

/**
 * The reader the panel and the CLI use. `prometheusUrl` names a Prometheus to query directly; without it,
 * linkerd-viz's Prometheus is reached through the API server's service proxy. `windowSeconds` is the range
 * Prometheus rates over, or how far apart a first read scrapes the proxies.
 */
export function readerFor(setting: () => SourceSetting, prometheusUrl: () => string | undefined = () => undefined, windowSeconds?: number): ModelReader {
  const options: SourceOptions = { prometheusUrl, windowSeconds };
  const opened = new Map<TrafficSourceKind, SourceRead>();
  const reader = (kind: TrafficSourceKind): SourceRead => {
    const read = opened.get(kind) ?? SOURCES[kind].open(options);
    opened.set(kind, read);
    return read;
  };
  return {
    async read(client, pods, signal) {
      const chosen = setting();
      return reader(chosen === 'auto' ? await autoKind(client, pods, options, signal) : chosen)(client, pods, signal);
    },
    past: (source) => SOURCES[source].past?.(options),
  };
}

/** The first source, in TRAFFIC_SOURCES order, that suits the cluster (the proxies suit any they may read one by one). */
async function autoKind(client: ClusterClient, pods: readonly PodMeta[], options: SourceOptions, signal: AbortSignal): Promise<TrafficSourceKind> {
  for (const kind of TRAFFIC_SOURCES) if (await SOURCES[kind].autoPicks(client, pods, options, signal)) return kind;
  throw new Error(`No traffic source (${TRAFFIC_SOURCES.join(', ')}) suits context ${client.contextName}.`);
}
