// One full refresh of the Live Traffic view on the `scale` scenario (100 deployments, 1,000 meshed pods) by
// each source, with time and peak memory, against listing the same pods once through the same client. The
// simulator runs in a child process so that only the product's work is timed and sampled here.
import { setMaxListeners } from 'node:events';
import type { ClusterClient } from '../src/core/cluster/client';
import { readTraffic } from '../src/core/traffic/readTraffic';
import { readerFor, type SourceSetting } from '../src/core/traffic/reader';
import { median, report } from './measure';
import { printLoad } from './simClient';
import { simProcess, type SimProcess } from './simProcess';

const PODS = 1000;
const RUNS = 3;
// One refresh of 1,000 scrapes takes tens of seconds here, so a single refresh per source keeps the file within
// about two minutes; the baseline still takes the median of RUNS.
const REFRESH_RUNS = 1;
const gc = (globalThis as { gc?: () => void }).gc;

/** CPU time of this process (the product side), peak heapUsed and rss above the level before `fn`, sampled every 5 ms while it runs (GC first, so the start is clean). */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; heapMb: number; rssMb: number; value: T }> {
  gc?.();
  const start = process.memoryUsage();
  let heap = start.heapUsed;
  let rss = start.rss;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  const timer = setInterval(sample, 5);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  try {
    const value = await fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    sample();
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, heapMb: (heap - start.heapUsed) / 2 ** 20, rssMb: (rss - start.rss) / 2 ** 20, value };
  } finally {
    clearInterval(timer);
  }
}

async function waitForPods(client: ClusterClient): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const pods = await client.list('v1', 'Pod', { namespace: undefined });
    const running = pods.items.filter((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running').length;
    if (running >= PODS) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`fewer than ${PODS} pods were running after two minutes`);
}

/** As the poller makes it: one read's many requests share the signal, each adding an abort listener. */
function signal(): AbortSignal {
  const s = new AbortController().signal;
  setMaxListeners(256, s);
  return s;
}

const mem = (r: { cpuMs: number; heapMb: number; rssMb: number }) => `${r.cpuMs.toFixed(0)} ms CPU in this process; peak +${r.heapMb.toFixed(1)} MB heap, +${r.rssMb.toFixed(1)} MB rss`;

async function bench(sim: SimProcess, setting: SourceSetting): Promise<void> {
  const { client, log } = sim;
  const list = () => client.list('v1', 'Pod', {});
  await list();
  const baseline = median(await sequential(RUNS, async () => (await measured(list)).ms));
  report(`list ${PODS} pods (baseline)`, baseline, 'list pods', baseline);

  // A fresh reader is what a newly opened panel has: two snapshots 2 s apart (the rate window), then a model.
  // Later polls reuse the previous snapshot and take one.
  type Sample = Awaited<ReturnType<typeof measured>>;
  const first: Sample[] = [];
  const next: Sample[] = [];
  let requests = 0;
  let edges = 0;
  for (let i = 0; i < REFRESH_RUNS; i++) {
    const reader = readerFor(() => setting);
    const before = log.requests;
    const a = await measured(() => readTraffic(client, reader, signal()));
    requests = log.requests - before;
    edges = a.value.model.edges.length;
    if (a.value.source !== setting) throw new Error(`read from ${a.value.source}, not ${setting}`);
    first.push(a);
    next.push(await measured(() => readTraffic(client, reader, signal())));
  }
  const pick = (rs: typeof first) => rs.slice().sort((x, y) => x.ms - y.ms)[rs.length >> 1];
  const f = pick(first);
  const n = pick(next);
  const waitMs = setting === 'proxies' ? 2000 : 0;
  report(`${setting}: first refresh${waitMs ? ', minus 2 s window' : ''}`, f.ms - waitMs, 'list pods', baseline);
  console.log(`  ${f.ms.toFixed(0)} ms wall, ${requests} requests, ${edges} edges; ${mem(f)}`);
  // The scale scenario has 100 edges; fewer means the source answered with partial data and the time is not of a full model.
  if (edges < 100) console.log(`  WARNING: ${edges} of 100 edges: the ${setting} source returned incomplete data, so this is not a full refresh`);
  report(`${setting}: following refresh`, n.ms, 'list pods', baseline);
  console.log(`  ${mem(n)}`);
}

async function sequential<T>(n: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

/** A real Prometheus needs a few scrapes of every proxy before rates exist; reads until the model has edges. */
async function waitForPrometheusData(client: ClusterClient): Promise<boolean> {
  const reader = readerFor(() => 'prometheus');
  for (let i = 0; i < 30; i++) {
    const read = await readTraffic(client, reader, signal()).catch(() => undefined);
    if (read && read.model.edges.length > 0) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

async function withScale(options: Record<string, unknown>, fn: (sim: SimProcess) => Promise<void>): Promise<void> {
  const t0 = Date.now();
  const sim = await simProcess({ scenario: 'scale', linkerd: 'installed', readinessDelayMs: 0, ...options });
  try {
    await waitForPods(sim.client);
    console.log(`scale scenario with Linkerd${options.prometheus ? ' and Prometheus' : ''}: ${PODS} pods running after ${((Date.now() - t0) / 1000).toFixed(1)} s (not timed)`);
    await fn(sim);
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  printLoad();
  // Separate clusters: a Prometheus scraping 1,000 proxies every second would load the machine during the
  // proxies measurement.
  await withScale({}, (sim) => bench(sim, 'proxies'));
  printLoad();
  // `prometheus` is passed through untyped: a simulator without it simply has no viz Service.
  await withScale({ prometheus: true }, async (sim) => {
    if (!(await sim.client.tryGet('v1', 'Service', 'prometheus', 'linkerd-viz'))) {
      console.log('prometheus: SKIPPED, this simulator serves no linkerd-viz Prometheus (startSimulator({ prometheus: true }) unavailable)');
    } else if (!(await waitForPrometheusData(sim.client))) {
      console.log('prometheus: SKIPPED, Prometheus had no traffic rates after 30 s of reads');
    } else {
      // The simulator's Prometheus is a real one scraping 1,000 targets every second on the same cores; a
      // query that times out is reported as a result of this run rather than ending the file.
      await bench(sim, 'prometheus').catch((e: unknown) => console.log(`prometheus: FAILED, ${e instanceof Error ? e.message : String(e)}`));
    }
  });
  printLoad();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
