// Issue 14: live traffic on the simulator's `scale` scenario. linkerd-viz's Prometheus (a real one, at viz's
// 10 s scrape interval) must give the full model at 1,000 pods, with queries aggregated by workload on the
// server; without viz, a cluster above the proxy-scraping limit gets a recommendation, not a thousand requests.
import * as assert from 'node:assert/strict';
import { PROXY_SCRAPE_LIMIT, TooManyProxiesError } from '../../src/core/traffic/errors';
import { readTraffic } from '../../src/core/traffic/readTraffic';
import { readerFor } from '../../src/core/traffic/reader';
import { toProblem } from '../../src/editor/traffic/problems';
import { cli } from './runCli';
import { simulatedCluster } from './simContext';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function running(env: Awaited<ReturnType<typeof simulatedCluster>>, pods: number): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const list = await env.client.list('v1', 'Pod', { namespace: 'scale' });
    if (list.items.filter((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running').length >= pods) return;
    await sleep(500);
  }
  assert.fail(`fewer than ${pods} pods running after two minutes`);
}

describe('live traffic at scale', function () {
  this.timeout(300_000);

  describe(`above ${PROXY_SCRAPE_LIMIT} meshed pods without linkerd-viz`, () => {
    let env: Awaited<ReturnType<typeof simulatedCluster>>;
    before(async () => {
      env = await simulatedCluster({ scenario: 'scale', pods: PROXY_SCRAPE_LIMIT + 10, linkerd: 'installed', readinessDelayMs: 0 });
      await running(env, PROXY_SCRAPE_LIMIT + 10);
    });
    after(async () => env?.sim.close());

    it('recommends linkerd-viz instead of scraping every proxy, and sends no scrape', async () => {
      const before = env.log.lines.length;
      const error = await readTraffic(env.client, readerFor(() => 'auto'), new AbortController().signal).catch((e: unknown) => e);
      assert.ok(error instanceof TooManyProxiesError, String(error));
      assert.ok(!env.log.lines.slice(before).some((l) => l.includes('/proxy/metrics')), 'no proxy was scraped');
      const problem = toProblem(error);
      assert.equal(problem.kind, 'tooManyProxies');
      // The scale scenario's pods and the control plane's.
      assert.ok(error.meshedPods > PROXY_SCRAPE_LIMIT + 10, problem.message);
      assert.match(problem.message, new RegExp(`${error.meshedPods} meshed pods and no linkerd-viz`));
      assert.match(problem.hint, /linkerd-viz/);
      const r = await cli(['edges', '-A', '--kubeconfig', env.sim.kubeconfigPath]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /linkerd viz install/);
    });
  });

  describe('1,000 pods with linkerd-viz\'s Prometheus', () => {
    let env: Awaited<ReturnType<typeof simulatedCluster>>;
    before(async () => {
      env = await simulatedCluster({ scenario: 'scale', linkerd: 'installed', prometheus: true, readinessDelayMs: 0 });
      await running(env, 1000);
    });
    after(async () => env?.sim.close());

    it('reads every edge of the ring at its configured rate, with queries aggregated by workload', async () => {
      const reader = readerFor(() => 'auto');
      let read = await readTraffic(env.client, reader, new AbortController().signal).catch(() => undefined);
      // Rates need two scrapes of every proxy inside the 60 s window: at viz's 10 s interval, up to a minute or two.
      for (let i = 0; i < 60 && !(read && read.model.edges.filter((e) => e.requestsPerSecond > 0).length >= 100); i++) {
        await sleep(3000);
        read = await readTraffic(env.client, reader, new AbortController().signal).catch(() => undefined);
      }
      assert.ok(read, 'the Prometheus source answered');
      // Rates are whole once Prometheus holds a full 60 s window of every series (as in prometheusSource.test.ts).
      await sleep(65_000);
      read = await readTraffic(env.client, reader, new AbortController().signal);
      assert.equal(read.source, 'prometheus');
      const ring = read.model.edges.filter((e) => /\/Deployment\/svc-\d+$/.test(e.source) && /\/Deployment\/svc-\d+$/.test(e.destination));
      assert.equal(ring.length, 100, ring.map((e) => e.id).join(', '));
      // Prometheus stamps a sample when its scrape starts, while a simulated proxy counts when the (queued) request
      // is served: on a loaded machine that is seconds later, so single edges stray; the whole ring must not.
      let read_ = 0;
      let configuredTotal = 0;
      for (const e of ring) {
        const i = Number(/svc-(\d+)$/.exec(e.source)![1]);
        const configured = 20 + (i % 7) * 10;
        assert.ok(Math.abs(e.requestsPerSecond - configured) <= configured * 0.3, `${e.id}: ${e.requestsPerSecond} rps, configured ${configured}`);
        assert.equal(e.mtls.secured, true, e.id);
        read_ += e.requestsPerSecond;
        configuredTotal += configured;
      }
      assert.ok(Math.abs(read_ - configuredTotal) <= configuredTotal * 0.1, `the ring carries ${read_} rps, configured ${configuredTotal}`);
      // One series per workload pair comes back, never one per pod: the work stays on the server.
      const queries = env.log.lines.filter((l) => l.includes('/services/prometheus:9090/proxy/api/v1/query'));
      assert.ok(queries.length > 0);
      assert.ok(queries.every((l) => /by%20%28|by\+%28|by%28/.test(l) && !/by[^)]*\bpod\b/.test(decodeURIComponent(l.replace(/\+/g, ' ')))), 'every query sums by workload labels, none by pod');
    });
  });
});
