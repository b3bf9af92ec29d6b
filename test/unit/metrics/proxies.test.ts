import { strict as assert } from 'node:assert';
import { filterByNamespace } from '../../../src/core/metrics/model';
import { proxyModel, takeProxySnapshot, type ProxyScraper } from '../../../src/core/metrics/proxies';
import { T0, T1, fixturePods, fixtureScraper } from './emojivoto';

describe('proxy snapshots', () => {
  it('scrapes only meshed pods, and records failures and unparsable lines without giving up', async () => {
    const base = fixtureScraper(1);
    const scraped: string[] = [];
    const scraper: ProxyScraper = {
      pods: base.pods,
      scrape(pod) {
        scraped.push(pod.name);
        if (pod.name === 'db-0') return Promise.reject(new Error('403 forbidden by policy'));
        const text = base.scrape(pod);
        return pod.name.startsWith('emoji-') ? text.then((t) => `${t}garbage{\n`) : text;
      },
    };
    const snapshot = await takeProxySnapshot(scraper, { now: () => T1, concurrency: 2 });
    assert.deepEqual(scraped.sort(), ['db-0', 'emoji-6c9d7f8b5-qq1zz', 'vote-bot-55f7c9-b1xyz', 'voting-5d8b6c7d9-x2kq4', 'web-7f9c4b6d8-abcde']);
    assert.deepEqual(snapshot.failures.map((f) => [f.pod.name, (f.error as Error).message]), [['db-0', '403 forbidden by policy']]);
    assert.equal(snapshot.badLines, 1);
    assert.equal(snapshot.scraped.length, 4);
    assert.equal(snapshot.pods.length, 8);
  });

  it('keeps only the families the model uses, labelled with the pod', async () => {
    const snapshot = await takeProxySnapshot(fixtureScraper(0), { now: () => T0 });
    const web = snapshot.scraped.find((p) => p.key === 'emojivoto/web-7f9c4b6d8-abcde');
    assert.deepEqual([...(web?.families.keys() ?? [])].sort(), ['response_latency_ms', 'response_total', 'tcp_open_connections']);
    assert.deepEqual([web?.target.pod, web?.target.deployment, web?.target.job], ['web-7f9c4b6d8-abcde', 'web', 'linkerd-proxy']);
  });

  it('shows a pod missing from the earlier scrape by its connections only, until it has a rate', async () => {
    const first = await takeProxySnapshot({ ...fixtureScraper(0), pods: () => Promise.resolve(fixturePods().filter((p) => !p.name.startsWith('vote-bot'))) }, { now: () => T0 });
    const second = await takeProxySnapshot(fixtureScraper(1), { now: () => T1 });
    const model = await proxyModel(first, second);
    const edge = model.edges.find((e) => e.id === 'emojivoto/Deployment/vote-bot -> emojivoto/Deployment/web');
    assert.deepEqual([edge?.openConnections, edge?.requestsPerSecond, edge?.successRate, edge?.latencyMs.p50], [1, 0, null, null]);
  });

  it('refuses snapshots out of order', async () => {
    const snapshot = await takeProxySnapshot(fixtureScraper(0), { now: () => T0 });
    await assert.rejects(proxyModel(snapshot, snapshot), RangeError);
  });
});

describe('filterByNamespace', () => {
  it('keeps edges with either end in the namespace, and their nodes', async () => {
    const model = await proxyModel(await takeProxySnapshot(fixtureScraper(0), { now: () => T0 }), await takeProxySnapshot(fixtureScraper(1), { now: () => T1 }));
    const legacy = filterByNamespace(model, 'legacy');
    assert.deepEqual(legacy.edges.map((e) => e.id), ['emojivoto/Deployment/web -> legacy/Deployment/legacy']);
    assert.deepEqual(legacy.nodes.map((n) => n.id), ['emojivoto/Deployment/web', 'legacy/Deployment/legacy']);
  });
});
