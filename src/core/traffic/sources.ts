// The traffic sources, as strategies: the one list the setting's enum, the CLI's --source and the
// protocol's guard (through TRAFFIC_SOURCES) are derived from. A new source is a strategy file and one entry here.
import type { ClusterClient } from '../cluster/client';
import type { PodMeta, TrafficModel } from '../metrics/model';
import { TRAFFIC_SOURCES, type TrafficSourceKind } from '../../shared/trafficProtocol';
import { prometheusSource } from './prometheusSource';
import { proxiesSource } from './proxiesSource';
import type { TrafficRead } from './reader';

/** What a reader is configured with, by the settings or the CLI's flags. */
export interface SourceOptions {
  /** A Prometheus to query directly instead of linkerd-viz's through the API server. */
  readonly prometheusUrl: () => string | undefined;
  /** The range Prometheus rates over, or how far apart a first read scrapes the proxies. */
  readonly windowSeconds?: number;
}

export type SourceRead = (client: ClusterClient, pods: readonly PodMeta[], signal: AbortSignal) => Promise<TrafficRead>;

/** The model at one time of a source's past (epoch milliseconds). */
export interface PastModel {
  readonly at: number;
  readonly model: TrafficModel;
}

/**
 * The models of the 15 minutes (the history's span) before `end` (epoch milliseconds), oldest first, one per
 * history frame of a view polling every `intervalSeconds`: what the reads of that time would have given.
 */
export type SourcePast = (client: ClusterClient, pods: readonly PodMeta[], end: number, intervalSeconds: number, signal: AbortSignal) => Promise<PastModel[]>;

/** One place the traffic numbers can come from. */
export interface TrafficSourceStrategy<K extends TrafficSourceKind = TrafficSourceKind> {
  readonly kind: K;
  /** What it reads, in the words of the setting's enumDescriptions and the CLI's help. */
  readonly description: string;
  /** Whether `auto` reads this source on this cluster; asked in TRAFFIC_SOURCES order, the first yes wins. */
  autoPicks(client: ClusterClient, pods: readonly PodMeta[], options: SourceOptions, signal: AbortSignal): Promise<boolean>;
  /** A reader for one view or command; it may keep state between reads (the proxies' last counters). */
  open(options: SourceOptions): SourceRead;
  /** A reader of its past, for a source that keeps one (Prometheus does; the proxies only count since they started). */
  past?(options: SourceOptions): SourcePast;
}

/** Every source by its name; `satisfies` makes a name in TRAFFIC_SOURCES without a strategy a type error. */
export const SOURCES = { prometheus: prometheusSource, proxies: proxiesSource } as const satisfies { readonly [K in TrafficSourceKind]: TrafficSourceStrategy<K> };

/** The traffic-source setting (meshaware.traffic.source, the CLI's --source): a source, or `auto`. */
export const SOURCE_SETTINGS = ['auto', ...TRAFFIC_SOURCES] as const;
export type SourceSetting = (typeof SOURCE_SETTINGS)[number];

/** What each setting reads, for package.json's enumDescriptions (a test holds them equal) and the CLI's help. */
export const SOURCE_SETTING_DESCRIPTIONS: Readonly<Record<SourceSetting, string>> = {
  auto: "linkerd-viz's Prometheus when it is installed, else the proxies",
  ...(Object.fromEntries(TRAFFIC_SOURCES.map((kind) => [kind, SOURCES[kind].description])) as Record<TrafficSourceKind, string>),
};

export function isSourceSetting(v: unknown): v is SourceSetting {
  return (SOURCE_SETTINGS as readonly unknown[]).includes(v);
}
