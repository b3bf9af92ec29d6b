// `--prometheus`: linkerd-viz's Prometheus for the simulated cluster. A real Prometheus process scrapes
// the simulated proxies through the pod network, discovers them from a file_sd file rewritten whenever
// pods change, and relabels them with viz's rules; the API server's service proxy for
// linkerd-viz/prometheus:9090 is relayed to it.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectApi } from '../api/objects';
import { storageKey } from '../api/resources';
import type { Kubelet } from '../cluster/kubelet';
import type { Pod } from '../cluster/podTypes';
import { CONTROL_PLANE_NS } from '../linkerd/constants';
import { prometheusConfig } from './config';
import { podTargets } from './discovery';
import { startPodNetwork } from './podNetwork';
import { startPrometheusProcess } from './process';
import { PROMETHEUS_SERVICE, VIZ_NS, vizPrometheusObjects } from './viz';

export { INSTALL_HINT } from './process';

export interface VizPrometheusOptions {
  /** Default: viz's 10 s (`scrape_interval` in linkerd-viz's prometheus.yml). */
  scrapeIntervalSeconds?: number;
}

export const VIZ_SCRAPE_INTERVAL_SECONDS = 10;

export interface VizPrometheus {
  /** Where the real Prometheus listens, for tests that look at it directly. */
  url: string;
  /** The address behind a Service the API server's proxy should relay to, if any. */
  upstream(namespace: string, service: string): string | undefined;
  close(): Promise<void>;
}

export async function startVizPrometheus(api: ObjectApi, kubelet: Kubelet, options: VizPrometheusOptions = {}): Promise<VizPrometheus> {
  const pods = api.typeOf('Pod');
  let targetsFile = '';
  const writeTargets = () => {
    // Prometheus watches the file; a rename makes every read see a whole file.
    writeFileSync(`${targetsFile}.tmp`, JSON.stringify(podTargets(api.peek(pods) as Pod[])));
    renameSync(`${targetsFile}.tmp`, targetsFile);
  };
  const network = await startPodNetwork(api, kubelet);
  let prom;
  try {
    prom = await startPrometheusProcess((dir) => {
      targetsFile = join(dir, 'targets.json');
      writeTargets();
      return prometheusConfig({ targetsFile, podNetworkUrl: network.url, controlPlaneNamespace: CONTROL_PLANE_NS, scrapeIntervalSeconds: options.scrapeIntervalSeconds ?? VIZ_SCRAPE_INTERVAL_SECONDS });
    });
  } catch (error) {
    await network.close();
    throw error;
  }
  // Pods change in bursts (a rollout touches each several times), so rewrite once per burst.
  let pending: NodeJS.Timeout | undefined;
  const podsKey = storageKey(pods);
  const unsubscribe = api.store.subscribe((event) => {
    if (event.key !== podsKey || pending) return;
    pending = setTimeout(() => ((pending = undefined), writeTargets()), 500);
  });
  for (const object of vizPrometheusObjects()) {
    const type = api.types.forKind(object.apiVersion ?? 'v1', object.kind ?? '')!;
    if (!api.find(type, object.metadata.namespace, object.metadata.name!)) api.create(type, object.metadata.namespace, object, { fieldManager: 'helm' });
  }
  const url = prom.url;
  const stopProcess = prom.stop;
  return {
    url,
    upstream: (namespace, service) => (namespace === VIZ_NS && service === PROMETHEUS_SERVICE ? url : undefined),
    async close() {
      unsubscribe();
      clearTimeout(pending);
      await stopProcess();
      await network.close();
    },
  };
}
