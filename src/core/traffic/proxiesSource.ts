// Every meshed pod's proxy as a traffic source, scraped through the API server's pod proxy: works without
// linkerd-viz, up to PROXY_SCRAPE_LIMIT pods when chosen by `auto`.
import type { ClusterClient } from '../cluster/client';
import type { PodMeta } from '../metrics/model';
import { ProxyReader, type ProxyRead, type ProxyScraper } from '../metrics/proxies';
import { PROXY_SCRAPE_LIMIT, TooManyProxiesError } from './errors';
import { scrapeProxy } from './pods';
import type { TrafficSourceStrategy } from './sources';
import { ProxiesUnreadableError, unreadPod } from './unread';
import { sleep } from '../cancel';

/**
 * With no earlier scrape there is no rate yet: the first read of the proxies takes two scrapes this far apart
 * unless the reader is given a window (a longer one gives steadier numbers from few requests).
 */
export const PROXIES_FIRST_WINDOW_SECONDS = 2;

/** Scrapes through the API server's pod proxy, retried on transient failures like every other read of the cluster layer. */
export function proxyScraper(client: ClusterClient): ProxyScraper {
  return { scrape: (pod, open, signal) => scrapeProxy(client, pod, open, { signal, timeoutMs: 5000 }) };
}

const unreadable = (read: ProxyRead) => read.scraped === 0 && read.failures.length > 0 && new ProxiesUnreadableError(read.failures.map((f) => unreadPod(f.pod, f.error)));

export const proxiesSource: TrafficSourceStrategy<'proxies'> = {
  kind: 'proxies',
  description: "every meshed pod's proxy /metrics, through the API server's pod proxy",
  // The last resort of `auto`, which refuses a cluster too large to read proxy by proxy.
  autoPicks(_client, pods: readonly PodMeta[]) {
    const meshed = pods.filter((p) => p.meshed).length;
    if (meshed > PROXY_SCRAPE_LIMIT) throw new TooManyProxiesError(meshed);
    return Promise.resolve(true);
  },
  open({ windowSeconds }) {
    // The counters of the last read, per context: rates are the difference to them.
    let proxies: { context: string; reader: ProxyReader } | undefined;
    return async (client, pods, signal) => {
      if (proxies?.context !== client.contextName) proxies = { context: client.contextName, reader: new ProxyReader() };
      const { reader } = proxies;
      const scraper = proxyScraper(client);
      if (!reader.hasHistory) {
        // Nothing to rate against yet: a first round learns the counters, the second one gives rates.
        const first = await reader.read(scraper, pods, signal);
        const failed = unreadable(first);
        if (failed) throw failed;
        await sleep((windowSeconds ?? PROXIES_FIRST_WINDOW_SECONDS) * 1000, signal);
      }
      const read = await reader.read(scraper, pods, signal);
      const failed = unreadable(read);
      if (failed) throw failed;
      const unread = read.failures.map((f) => unreadPod(f.pod, f.error));
      const origin = `${read.scraped} proxies through the API server`;
      return { model: read.model, source: 'proxies' as const, origin, unread, meshedPods: read.scraped + unread.length };
    };
  },
};
