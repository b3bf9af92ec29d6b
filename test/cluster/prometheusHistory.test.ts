// The Live Traffic history backfilled from Prometheus's past: the simulator's real Prometheus (--prometheus)
// scrapes the simulated emojivoto for a couple of minutes, then one read's past (range queries over the
// history's 15 minutes) must carry the scenario's rates at the times before the read, with the live read's ids.
import { strict as assert } from 'node:assert';
import { edgeKey, recordSnapshot, snapshotValues, TrafficHistory } from '../../src/core/traffic/history';
import { readerFor } from '../../src/core/traffic/reader';
import { ClusterTrafficSource } from '../../src/editor/traffic/source';
import { simulatedCluster } from './simContext';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const VIZ_QUERY = '/api/v1/namespaces/linkerd-viz/services/prometheus:9090/proxy/api/v1/query';
/** The product's Prometheus window: a past step's rates are whole once its 60 s are all scraped. */
const WINDOW_MS = 60_000;
const INTERVAL_SECONDS = 10;
/** The scenario's configuration, as the Prometheus source's own test reads it live. */
const EXPECTED: [string, string, number, number][] = [
  ['vote-bot', 'web', 6, 0.9],
  ['web', 'emoji', 7.5, 1],
  ['web', 'voting', 3, 0.8],
];
const id = (from: string, to: string) => `emojivoto/Deployment/${from} -> emojivoto/Deployment/${to}`;

describe('Live Traffic history backfilled from Prometheus (--prometheus, a real Prometheus)', function () {
  this.timeout(300_000);
  let env: Awaited<ReturnType<typeof simulatedCluster>>;
  // Set when the simulator starts, not when mocha loads the file: the full tier loads every file minutes earlier.
  let startedAt = 0;
  let scrapedTwiceAt = 0;

  before(async () => {
    startedAt = Date.now();
    env = await simulatedCluster({ scenario: 'emojivoto', linkerd: 'installed', prometheus: true });
    for (let i = 0; ; i++) {
      const body = await env.client.raw<{ data: { result: unknown[] } }>(`${VIZ_QUERY}?${new URLSearchParams({ query: 'count_over_time(up{job="linkerd-proxy", namespace="emojivoto"}[5m]) < 2' })}`, 'viz Prometheus');
      const up = await env.client.raw<{ data: { result: unknown[] } }>(`${VIZ_QUERY}?${new URLSearchParams({ query: 'up{job="linkerd-proxy", namespace="emojivoto"}' })}`, 'viz Prometheus');
      if (up.data.result.length > 0 && body.data.result.length === 0) break;
      assert.ok(i < 60, 'Prometheus did not scrape every emojivoto proxy twice within a minute');
      await sleep(1000);
    }
    scrapedTwiceAt = Date.now();
    // A whole window after every proxy's first scrapes, and five frames more.
    await sleep(WINDOW_MS + 5 * INTERVAL_SECONDS * 1000);
  });
  after(async () => env?.sim.close());

  it('reads the 15 minutes before a read, one frame per step, with the scenario rates once scraped and nothing before', async () => {
    const signal = new AbortController().signal;
    const source = new ClusterTrafficSource(() => env.session.client(), readerFor(() => 'prometheus'));
    const live = await source.read(signal);
    assert.ok(live.past, 'a Prometheus read offers its past');
    const past = await live.past(INTERVAL_SECONDS, signal);
    const end = live.snapshot.updatedAt;
    assert.equal(past.length, 15 * 60 / INTERVAL_SECONDS + 1, 'one snapshot per 10 s step over 15 minutes');
    assert.deepEqual(past.map((s) => s.updatedAt), past.map((_, i) => end - (past.length - 1 - i) * INTERVAL_SECONDS * 1000), 'oldest first, up to the read');
    assert.ok(past.every((s) => s.context === live.snapshot.context && s.source === 'prometheus'));

    const before = past.filter((s) => s.updatedAt < startedAt);
    assert.ok(before.length > 45, `${before.length} steps before the simulator started`);
    assert.deepEqual(before.flatMap((s) => s.edges.map((e) => e.id)), [], 'no traffic before there was any');

    const steady = past.filter((s) => s.updatedAt >= scrapedTwiceAt + WINDOW_MS + 5000 && s.updatedAt < end);
    assert.ok(steady.length >= 3, `${steady.length} steps with a whole window of scrapes`);
    for (const s of steady) {
      const at = new Date(s.updatedAt).toISOString();
      assert.deepEqual(s.edges.map((e) => e.id).sort(), live.snapshot.edges.map((e) => e.id).sort(), `the live read's edges at ${at}`);
      assert.deepEqual(s.nodes.map((n) => n.id).sort(), live.snapshot.nodes.map((n) => n.id).sort(), `the live read's workloads at ${at}`);
      for (const [from, to, rps, success] of EXPECTED) {
        const e = s.edges.find((x) => x.id === id(from, to));
        assert.ok(e && Math.abs(e.requestsPerSecond - rps) <= rps * 0.15, `${from} → ${to} at ${at}: ${e?.requestsPerSecond} rps, expected ${rps}`);
        assert.ok(e.successRate !== null && Math.abs(e.successRate - success) <= 0.08, `${from} → ${to} at ${at}: success ${e.successRate}, expected ${success}`);
        assert.ok((e.latencyMs?.p99 ?? 0) > 0, `${from} → ${to} at ${at}: p99 ${e.latencyMs?.p99}`);
      }
    }

    // As the feed merges it: the past goes before the live frame, which stays the latest.
    const history = new TrafficHistory(INTERVAL_SECONDS);
    recordSnapshot(history, live.snapshot);
    assert.ok(history.mergePast(live.snapshot.context, past.map((s) => ({ at: s.updatedAt, values: snapshotValues(s) }))));
    const series = history.get(edgeKey(id('vote-bot', 'web')))!;
    assert.equal(series.times[series.times.length - 1], end);
    const kept = series.times.map((t, i) => [t, series.rps[i]] as const).filter(([t]) => t >= scrapedTwiceAt + WINDOW_MS + 5000 && t < end);
    assert.equal(kept.length, steady.length, 'every steady past step is in the history');
    for (const [t, rps] of kept) assert.ok(Math.abs(rps - 6) <= 0.9, `vote-bot → web in the history at ${new Date(t).toISOString()}: ${rps}`);
    source.close();
  });

  it('offers no past for the proxies, which only count from their start', async () => {
    const source = new ClusterTrafficSource(() => env.session.client(), readerFor(() => 'proxies'));
    const read = await source.read(new AbortController().signal);
    source.close();
    assert.equal(read.snapshot.source, 'proxies');
    assert.equal(read.past, undefined);
  });
});
