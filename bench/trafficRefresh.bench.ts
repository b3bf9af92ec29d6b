// The Live Traffic view's refresh on the simulator's `scale` scenario at 100, 1,000 and 5,000 meshed pods, by
// each source: wall time, CPU and peak memory of this process, and API requests, for a first and a following
// refresh. Baselines measured in the same run: listing the pods once and fetching every meshed pod's /metrics
// through the same API-server proxy while throwing the bytes away, alternating with the refreshes (proxies: the
// floor any client pays for the bytes; CPU seconds on this shared machine vary 2-4x with its load, so the CPU
// ratio to that floor is the stable number), and the same PromQL queries sent raw to the same Prometheus
// through the same API-server proxy (Prometheus). The simulator runs in a child
// process so that only the product's work is counted here. Proxies' rates are checked against the scenario's.
// MESHAWARE_BENCH_PODS=100,1000 and MESHAWARE_BENCH_SOURCES=proxies pick a part of the curve.
import { setMaxListeners } from 'node:events';
import type { ClusterClient } from '../src/core/cluster/client';
import { prometheusQueries } from '../src/core/metrics/promql';
import { trafficQueries } from '../src/core/metrics/queries';
import { mapWithConcurrency } from '../src/core/metrics/scrape';
import { PodWatch } from '../src/core/traffic/podWatch';
import { listPods, scrapeProxy } from '../src/core/traffic/pods';
import { readTraffic } from '../src/core/traffic/readTraffic';
import { DEFAULT_CONTROL_PLANE_NAMESPACE as LINKERD_NS } from '../src/core/linkerd';
import { prometheusOverApi } from '../src/core/traffic/prometheusSource';
import { readerFor, type TrafficRead } from '../src/core/traffic/reader';
import type { SourceSetting } from '../src/core/traffic/sources';
import { median, printLoad } from './measure';
import { simProcess, type SimProcess } from './simProcess';

const PODS = (process.env.MESHAWARE_BENCH_PODS ?? '100,1000,5000').split(',').map(Number);
const SOURCES = (process.env.MESHAWARE_BENCH_SOURCES ?? 'proxies,prometheus').split(',') as SourceSetting[];
const FOLLOWING = 3;
const gc = (globalThis as { gc?: () => void }).gc;

interface Sample<T> {
  ms: number;
  cpuMs: number;
  /** Peak of V8's heap plus array buffers (the proxies source keeps its series tables in typed arrays). */
  memMb: number;
  requests: number;
  value: T;
}

/** Wall time, CPU time and peak memory above the level before `fn` (sampled every 5 ms, GC first). */
async function measured<T>(sim: SimProcess, fn: () => Promise<T>): Promise<Sample<T>> {
  gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const start = used();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, used())), 5);
  const requests = sim.log.requests;
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  try {
    const value = await fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    peak = Math.max(peak, used());
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, memMb: (peak - start) / 2 ** 20, requests: sim.log.requests - requests, value };
  } finally {
    clearInterval(timer);
  }
}

/** As the poller makes it: one read's many requests share the signal. */
function signal(): AbortSignal {
  const s = new AbortController().signal;
  setMaxListeners(0, s);
  return s;
}

async function waitForPods(client: ClusterClient, pods: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const list = await client.list('v1', 'Pod', { namespace: 'scale' });
    if (list.items.filter((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running').length >= pods) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`fewer than ${pods} pods were running after five minutes`);
}

/** The scale scenario's configured rate of edge i (sim/scenarios/scale.ts): how exact the read rates are. */
function rateError(read: TrafficRead): { mean: number; max: number; total: number } {
  const errors: number[] = [];
  let got = 0;
  let want = 0;
  for (const e of read.model.edges) {
    const m = /svc-(\d+)$/.exec(e.source);
    if (!m || !e.destination.includes('/Deployment/svc-')) continue;
    const configured = 20 + (Number(m[1]) % 7) * 10;
    errors.push(Math.abs(e.requestsPerSecond - configured) / configured);
    got += e.requestsPerSecond;
    want += configured;
  }
  return { mean: errors.reduce((a, b) => a + b, 0) / Math.max(1, errors.length), max: Math.max(0, ...errors), total: Math.abs(got - want) / want };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const line = (label: string, s: Sample<unknown>, base?: { label: string; ms: number }) =>
  console.log(`${label.padEnd(40)} ${s.ms.toFixed(0).padStart(7)} ms wall ${s.cpuMs.toFixed(0).padStart(6)} ms CPU ${s.memMb.toFixed(1).padStart(7)} MB peak ${String(s.requests).padStart(6)} requests${base ? `  = ${(s.ms / base.ms).toFixed(2)}x ${base.label}` : ''}`);

async function proxies(sim: SimProcess, pods: number): Promise<void> {
  const list = () => sim.client.list('v1', 'Pod', {});
  const base = { label: 'list pods', ms: median(await sequential(3, async () => (await measured(sim, list)).ms)) };
  console.log(`list ${pods} pods (baseline)`.padEnd(40), `${base.ms.toFixed(0).padStart(7)} ms`);
  const reader = readerFor(() => 'proxies');
  // As the panel reads: the pods from a watch opened by the first refresh, not a list every time.
  const watch = new PodWatch(sim.client, LINKERD_NS);
  const first = await measured(sim, () => readTraffic(sim.client, reader, signal(), true, LINKERD_NS, watch));
  line(`proxies, first refresh (2 s window)`, first);
  const meshed = (await watch.list({})).filter((p) => p.meshed);
  const fetchAll = () => mapWithConcurrency(meshed, 16, (p) => scrapeProxy(sim.client, p, () => ({ chunk: () => undefined }), { signal: signal(), timeoutMs: 8000 }));
  const following: Sample<TrafficRead>[] = [];
  const floors: Sample<unknown>[] = [];
  for (let i = 0; i < FOLLOWING; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    following.push(await measured(sim, () => readTraffic(sim.client, reader, signal(), false, LINKERD_NS, watch)));
    await new Promise((r) => setTimeout(r, 1000));
    floors.push(await measured(sim, fetchAll));
  }
  watch.close();
  const byCpu = <T>(xs: Sample<T>[]) => xs.slice().sort((a, b) => a.cpuMs - b.cpuMs)[xs.length >> 1];
  const f = byCpu(following);
  const floor = byCpu(floors);
  line(`fetch every /metrics, discard (floor)`, floor);
  line(`proxies, following refresh (median CPU)`, f, base);
  console.log(`  CPU ${(f.cpuMs / floor.cpuMs).toFixed(2)}x the floor of fetching the same bytes (${floor.cpuMs.toFixed(0)} ms CPU in this run)`);
  const err = rateError(f.value);
  console.log(`  ${f.value.model.edges.length} edges, ${f.value.unread.length} pods unread; rates vs configured: mean ${pct(err.mean)}, max ${pct(err.max)}, total ${pct(err.total)} over ${f.value.model.windowSeconds.toFixed(1)} s`);
  console.log(`  targets at 1,000 pods: <= 1000 ms CPU (${f.cpuMs <= 1000 ? 'met' : 'MISSED'} here), <= 100 MB peak (${f.memMb <= 100 ? 'met' : 'MISSED'} here), rates within 1% (mean ${err.mean <= 0.01 ? 'met' : 'MISSED'})`);
}

/** The product's queries, sent raw (all at once, as the product does) through the same service proxy: the Prometheus source's floor. */
async function rawQueries(client: ClusterClient): Promise<unknown> {
  const query = prometheusOverApi(client, signal());
  const q = trafficQueries(60);
  const specs = [q.edges, q.unmeshedCallers, q.inbound].flatMap((v) => [v.connections, v.responses, v.latency.p50, v.latency.p95, v.latency.p99]);
  return Promise.all(prometheusQueries(specs).map((promql) => query.query(promql)));
}

async function prometheus(sim: SimProcess, pods: number): Promise<void> {
  const reader = readerFor(() => 'prometheus');
  // Prometheus needs two scrapes of every proxy in the 60 s window before every edge has a rate.
  const t0 = Date.now();
  for (;;) {
    const read = await readTraffic(sim.client, reader, signal()).catch(() => undefined);
    if (read && read.model.edges.filter((e) => e.requestsPerSecond > 0).length >= pods / 10) break;
    if (Date.now() - t0 > 240_000) return void console.log('prometheus: SKIPPED, no full model after four minutes');
    await new Promise((r) => setTimeout(r, 5000));
  }
  // Rates are whole once Prometheus holds a full 60 s window of every series; before, they read low.
  await new Promise((r) => setTimeout(r, 65_000));
  console.log(`  (Prometheus had every edge's rate after ${((Date.now() - t0) / 1000).toFixed(0)} s, a full window included; not timed)`);
  const raws: Sample<unknown>[] = [];
  const reads: Sample<TrafficRead>[] = [];
  // Alternating, so that Prometheus's own caches and the machine's load treat both alike.
  for (let i = 0; i < 5; i++) {
    raws.push(await measured(sim, () => rawQueries(sim.client)));
    reads.push(await measured(sim, () => readTraffic(sim.client, reader, signal(), false)));
  }
  const pick = <T>(xs: Sample<T>[]) => xs.slice().sort((a, b) => a.ms - b.ms)[xs.length >> 1];
  const raw = pick(raws);
  const read = pick(reads);
  line('same PromQL, raw (baseline, median)', raw);
  line('prometheus, refresh (median)', read, { label: 'raw PromQL', ms: raw.ms });
  const err = rateError(read.value);
  console.log(`  ${read.value.model.edges.length} edges; rates vs configured: mean ${pct(err.mean)}, max ${pct(err.max)}; target at 1,000 pods <= 1.5x raw PromQL: ${read.ms / raw.ms <= 1.5 ? 'met' : 'MISSED'} here`);
  // The history's past, read once per context when the view opens: every frame of 15 minutes at the view's
  // default 2 s polls (10 s frames), against one refresh.
  const past = reader.past?.('prometheus');
  if (!past) return void console.log('prometheus: no past reader');
  const podMetas = await listPods(sim.client, LINKERD_NS, undefined, { signal: signal() });
  const frames = await measured(sim, () => past(sim.client, podMetas, Date.now(), 2, signal()));
  line('prometheus, past 15 min (once per view)', frames, { label: 'refresh', ms: read.ms });
  console.log(`  ${frames.value.length} frames, ${frames.value.at(-1)?.model.edges.length ?? 0} edges in the last`);
}

async function sequential<T>(n: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

async function main(): Promise<void> {
  for (const pods of PODS) {
    for (const source of SOURCES) {
      printLoad();
      const t0 = Date.now();
      // At 5,000 pods a real Prometheus scraping every 10 s would need more than this machine's two cores.
      const scrapeIntervalSeconds = pods > 1000 ? 30 : 10;
      const sim = await simProcess({ scenario: 'scale', pods, linkerd: 'installed', readinessDelayMs: 0, ...(source === 'prometheus' ? { prometheus: true, scrapeIntervalSeconds } : {}) });
      try {
        await waitForPods(sim.client, pods);
        console.log(`-- ${pods} pods, ${source}${source === 'prometheus' ? ` (scrape interval ${scrapeIntervalSeconds} s)` : ''}: running after ${((Date.now() - t0) / 1000).toFixed(1)} s (not timed)`);
        await (source === 'proxies' ? proxies(sim, pods) : prometheus(sim, pods)).catch((e: unknown) => console.log(`${source}: FAILED, ${e instanceof Error ? e.message : String(e)}`));
      } finally {
        await sim.close();
      }
    }
  }
  printLoad();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
