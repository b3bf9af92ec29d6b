// The Live Traffic view must cost nothing while hidden (issue 5). Drives the panel's own Poller (free of
// vscode) with the panel's source (ClusterTrafficSource: readTraffic over the proxies source, with its pod
// watch), closed when hidden as the view closes it, against emojivoto in a child-process simulator, and
// measures this process's CPU, the requests made and the reads run over the same window: with no poller at
// all (the baseline), with the view never shown, shown, and hidden again after being shown.
import { setTimeout as sleep } from 'node:timers/promises';
import { readTraffic } from '../src/core/traffic/readTraffic';
import { readerFor } from '../src/core/traffic/reader';
import { Poller } from '../src/editor/traffic/poller';
import { ClusterTrafficSource } from '../src/editor/traffic/source';
import { printLoad } from './measure';
import { simProcess } from './simProcess';

const WINDOW_MS = 5000;
// The shortest interval the setting allows, so a visible view reads as often as it ever does.
const INTERVAL_MS = 2000;

interface Window {
  cpuMs: number;
  requests: number;
  ticks: number;
  timers: number;
}

async function main(): Promise<void> {
  printLoad();
  const sim = await simProcess({ scenario: 'emojivoto', linkerd: 'installed', readinessDelayMs: 0 });
  try {
    const { client, log } = sim;
    let ticks = 0;
    const reader = readerFor(() => 'proxies');
    const source = new ClusterTrafficSource(() => Promise.resolve(client), reader);
    const tick = async (signal: AbortSignal) => {
      ticks++;
      await source.read(signal);
    };
    /** As the view does when it is hidden: no more reads, and the pod watch closed. */
    const hide = () => {
      poller.setVisible(false);
      source.close();
    };
    // Pods become ready right after the simulator serves; one untimed read also opens the client's connection.
    await sleep(1000);
    await readTraffic(client, reader, new AbortController().signal);

    /** Only Timeouts left pending count: a hidden view must leave none behind (this function's own sleep excepted). */
    const measure = async (): Promise<Window> => {
      // Without a full GC first, V8 collects earlier reads' garbage at a moment of its choosing (tens to
      // 150 ms of CPU seen landing in any window, even with no poller), which would be charged to the wrong state.
      (globalThis as { gc?: () => void }).gc?.();
      const cpu0 = process.cpuUsage();
      const requests0 = log.requests;
      const ticks0 = ticks;
      await sleep(WINDOW_MS);
      const cpu = process.cpuUsage(cpu0);
      const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      return { cpuMs: (cpu.user + cpu.system) / 1000, requests: log.requests - requests0, ticks: ticks - ticks0, timers };
    };
    const print = (label: string, w: Window, base: Window) =>
      console.log(`${label.padEnd(34)} ${w.cpuMs.toFixed(1).padStart(8)} ms CPU = ${(w.cpuMs / base.cpuMs).toFixed(2)}x idle process; ${w.requests} requests, ${w.ticks} reads, ${w.timers} timers pending after`);

    // The first window also pays for the untimed read's garbage and JIT: take the quieter of two.
    const first = await measure();
    const second = await measure();
    const idle = first.cpuMs <= second.cpuMs ? first : second;
    print(`no poller, ${WINDOW_MS / 1000} s (baseline)`, idle, idle);
    const poller = new Poller(tick, INTERVAL_MS);
    hide();
    print('view never shown', await measure(), idle);
    poller.setVisible(true);
    print(`view visible, every ${INTERVAL_MS / 1000} s`, await measure(), idle);
    hide();
    // The read in flight at the moment of hiding is aborted; what follows must be silence.
    print('view hidden, first 5 s', await measure(), idle);
    // The first window after hiding still carries the aborted read's tail and the GC of its garbage; the
    // second is the steady state a hidden view is in for the rest of its life.
    const hidden = await measure();
    print('view hidden, next 5 s', hidden, idle);
    poller.dispose();
    const verdict = hidden.requests === 0 && hidden.ticks === 0 ? 'met' : 'MISSED';
    console.log(`hidden view: no reads and no requests (target: ${verdict})`);
  } finally {
    await sim.close();
  }
  printLoad();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
