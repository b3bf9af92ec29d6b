import { strict as assert } from 'node:assert';
import { filterByNamespace, type PodMeta } from '../../../src/core/metrics/model';
import { ProxyReader, type ProxyScraper } from '../../../src/core/metrics/proxies';
import { T0, T1, exposition, fixtureModel, fixturePods, fixtureScraper, serve } from './emojivoto';

const signal = () => new AbortController().signal;
const rounded = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v))) as unknown;

describe('proxy reader', () => {
  it('scrapes only meshed pods, and reports failures and unreadable lines without giving up', async () => {
    const scraped: string[] = [];
    const scraper = (scrape: 0 | 1): ProxyScraper => ({
      scrape(pod, open, s) {
        scraped.push(pod.name);
        if (pod.name === 'db-0') return Promise.reject(new Error('403 forbidden by policy'));
        const text = exposition(pod as PodMeta & { fixture: string }, scrape);
        // A kept sample whose labels never close: one unreadable line, the rest of the pod still read.
        return pod.name.startsWith('emoji-') ? serve(open, `${text}response_total{direction="inbound" 12\n`, scrape ? T1 : T0) : fixtureScraper(scrape).scrape(pod, open, s);
      },
    });
    const reader = new ProxyReader();
    await reader.read(scraper(0), fixturePods(), signal());
    scraped.length = 0;
    const read = await reader.read(scraper(1), fixturePods(), signal());
    assert.deepEqual(scraped.sort(), ['db-0', 'emoji-6c9d7f8b5-qq1zz', 'vote-bot-55f7c9-b1xyz', 'voting-5d8b6c7d9-x2kq4', 'web-7f9c4b6d8-abcde']);
    assert.deepEqual(read.failures.map((f) => [f.pod.name, (f.error as Error).message]), [['db-0', '403 forbidden by policy']]);
    assert.equal(read.badLines, 1);
    assert.equal(read.scraped, 4);
    assert.equal(read.rated, 4);
  });

  it('reads the same model whatever the chunks the answer arrives in', async () => {
    const whole = rounded(await fixtureModel());
    for (const chunk of [1, 7, 64, 1000]) assert.deepEqual(rounded(await fixtureModel(chunk)), whole, `chunks of ${chunk} bytes`);
  });

  it('shows a pod missing from the earlier read by its connections only, until it has a rate', async () => {
    const reader = new ProxyReader();
    await reader.read(fixtureScraper(0), fixturePods().filter((p) => !p.name.startsWith('vote-bot')), signal());
    const { model } = await reader.read(fixtureScraper(1), fixturePods(), signal());
    const edge = model.edges.find((e) => e.id === 'emojivoto/Deployment/vote-bot -> emojivoto/Deployment/web');
    assert.deepEqual([edge?.openConnections, edge?.requestsPerSecond, edge?.successRate, edge?.latencyMs.p50], [1, 0, null, null]);
  });

  it('divides each pod\'s increase by its own interval between scrapes', async () => {
    // Two pods of one Deployment, each 100 more responses to db at its second scrape, but scraped 10 s and 20 s apart.
    const pod = (name: string): PodMeta => ({ namespace: 'shop', name, labels: { 'linkerd.io/proxy-deployment': 'web' }, owner: { kind: 'Deployment', name: 'web' }, meshed: true });
    const text = (n: number) => `response_total{direction="outbound",dst_namespace="shop",dst_deployment="db",tls="true",classification="success"} ${n}\n`;
    const times: Record<string, [number, number]> = { 'web-a': [0, 10_000], 'web-b': [5_000, 25_000] };
    const scraper = (round: 0 | 1): ProxyScraper => ({ scrape: (p, open) => serve(open, text(round * 100 + 7), T0 + times[p.name][round]) });
    const reader = new ProxyReader();
    await reader.read(scraper(0), [pod('web-a'), pod('web-b')], signal());
    const { model } = await reader.read(scraper(1), [pod('web-a'), pod('web-b')], signal());
    assert.equal(model.edges[0]?.requestsPerSecond, 100 / 10 + 100 / 20);
    assert.equal(model.windowSeconds, 15);
  });
});

describe('filterByNamespace', () => {
  it('keeps edges with either end in the namespace, and their nodes', async () => {
    const legacy = filterByNamespace(await fixtureModel(), 'legacy');
    assert.deepEqual(legacy.edges.map((e) => e.id), ['emojivoto/Deployment/web -> legacy/Deployment/legacy']);
    assert.deepEqual(legacy.nodes.map((n) => n.id), ['emojivoto/Deployment/web', 'legacy/Deployment/legacy']);
  });
});
