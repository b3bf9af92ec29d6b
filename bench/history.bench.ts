// The Live Traffic view's 15-minute history (src/core/traffic/history.ts) at cluster scale: memory once full
// (15 minutes of 5 s polls) and the cost of recording one poll. Baselines in the same process: the memory of
// the snapshot itself (what the view holds anyway, once), and the time of numbersBetween, the work every poll
// of an unchanged mesh already does on the host. Sizes: #14's 500 workloads / 2,000 edges (about 1,000 pods),
// 1,000 / 5,000 (the view's folded-by-default size, up to 5,000 pods) and 5,000 / 10,000 (a pod per workload).
import { printLoad, report, time } from './measure';
import { bigMesh } from '../test/unit/webview/fixtures';
import { numbersBetween } from '../src/shared/trafficNumbers';
import { recordSnapshot, TrafficHistory } from '../src/core/traffic/history';
import type { TrafficSnapshot } from '../src/shared/trafficProtocol';

const gc = () => (globalThis as { gc?: () => void }).gc?.();
function memory(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** The same mesh `i` polls later: every rate a few percent off. */
const poll = (s: TrafficSnapshot, i: number): TrafficSnapshot => ({ ...s, updatedAt: s.updatedAt + i * 5000, edges: s.edges.map((e, k) => ({ ...e, requestsPerSecond: e.requestsPerSecond * (0.97 + ((i + k) % 7) / 100) })) });

function measureSize(nodes: number, edges: number): void {
  const label = `${nodes.toLocaleString('en')} workloads / ${edges.toLocaleString('en')} edges`;
  const before = memory();
  const s = bigMesh(nodes, edges, 0);
  const snapshotBytes = memory() - before;
  const polls = Array.from({ length: 4 }, (_, i) => poll(s, i + 1));
  const start = memory();
  const history = new TrafficHistory(5);
  for (let i = 0; i < 200; i++) recordSnapshot(history, poll(s, i));
  const historyBytes = memory() - start;
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  console.log(`${label}: history ${mb(historyBytes)} once full (${Math.round(historyBytes / (edges + nodes))} bytes per edge or workload) = ${(historyBytes / snapshotBytes).toFixed(2)}x the snapshot (${mb(snapshotBytes)})`);
  let at = 1000;
  const record = time(() => recordSnapshot(history, poll(s, at++)), 9, 3);
  const pollOnly = time(() => poll(s, at++), 9, 3);
  const diff = time(() => numbersBetween(polls[0], polls[1]), 9, 3);
  report(`  record one poll, ${label}`, Math.max(0.01, record - pollOnly), 'numbersBetween', diff);
  const state = time(() => history.toState(), 5, 1);
  report(`  history message for a page, ${label}`, state, 'numbersBetween', diff);
}

function main(): void {
  printLoad();
  const only = process.env.HISTORY_BENCH_SIZES?.split(',').map(Number);
  for (const [nodes, edges] of [[500, 2000], [1000, 5000], [5000, 10000]]) if (!only || only.includes(edges)) measureSize(nodes, edges);
  console.log('  (times are medians; memory is heap + array buffers after GC, so it includes the Float32Arrays)');
  printLoad();
}

main();
