// The traffic panel with 500 workloads and 2,000 edges in Chromium, timed inside the page: from the message
// being posted to the graph drawn (layout in the worker, cytoscape update, two frames). A first render gets
// the whole snapshot; an update is the next poll of the same mesh with new numbers, which the host sends as a
// numbers message (src/shared/trafficNumbers.ts). The baseline is the simulator's 10-workload emojivoto through
// the same path, measured in the same run. Then 1,000 workloads and 5,000 edges, which open with their
// namespaces folded: first render, an update, and unfolding one namespace with Enter.
// Targets (issue 14): 500/2,000 first render <= 500 ms, update <= 100 ms.
import type { Page } from 'playwright-core';
import { median, printLoad } from './measure';
import { bigMesh, simEmojivoto } from '../test/unit/webview/fixtures';
import { PanelPage } from '../test/unit/webview/panelPage';
import { numbersBetween } from '../src/shared/trafficNumbers';
import type { TrafficSnapshot } from '../src/shared/trafficProtocol';
import { recordSnapshot, TrafficHistory } from '../src/core/traffic/history';

// Snapshots are stamped with the time now, as the host stamps them: the page shows an old stamp as a date, and the
// first date formatting in a page (loading its locale data) costs more than the rest of a small render.

/**
 * Polls are at least 2 s apart (meshaware.traffic.refreshSeconds): an update is timed a second after what came
 * before, as it comes in use, not while cytoscape still finishes the first drawing's idle-time work (node
 * textures), which timing it at once counted as the update's.
 */
const untilNextPoll = () => new Promise((resolve) => setTimeout(resolve, 1000));

/** Runs `post` (a script that posts a message) inside the page; resolves with the milliseconds until `updatedAt` is drawn. */
function timeRender(page: Page, post: string, updatedAt: number): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (document.body.dataset.rendered !== '${updatedAt}') return;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-rendered'] });
    ${post};
  })`) as Promise<number>;
}

/** The whole snapshot, parsed before the clock starts, as a first render gets it. */
const firstRender = (page: Page, s: TrafficSnapshot) => timeRender(page, `window.postMessage({ type: 'snapshot', snapshot: ${JSON.stringify(s)} }, '*')`, s.updatedAt);

/** The next poll of the same mesh, as the host sends it: only the numbers. */
const update = (page: Page, before: TrafficSnapshot, after: TrafficSnapshot) => timeRender(page, PanelPage.numbersScript(numbersBetween(before, after)!), after.updatedAt);

/**
 * The same topology a poll later, at its hardest: every edge's rate changes by up to 20 % and most success rates
 * drop across a threshold, so most edges change width or colour.
 */
function nextPoll(s: TrafficSnapshot, at: number): TrafficSnapshot {
  return { ...s, updatedAt: at, edges: s.edges.map((e, i) => ({ ...e, requestsPerSecond: e.requestsPerSecond * (0.8 + (i % 5) / 10), successRate: e.successRate === null ? null : Math.max(0, e.successRate - (i % 7) / 100) })) };
}

/** A poll as a steady mesh gives it: every rate a few percent off, success rates as they were. */
function typicalPoll(s: TrafficSnapshot, at: number): TrafficSnapshot {
  return { ...s, updatedAt: at, edges: s.edges.map((e, i) => ({ ...e, requestsPerSecond: e.requestsPerSecond * (0.97 + (i % 7) / 100) })) };
}

async function measure(panel: PanelPage, make: (at: number) => TrafficSnapshot, runs: number) {
  const first: number[] = [];
  const typical: number[] = [];
  const hardest: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await panel.open({ width: 1200, height: 800 });
    const s = make(Date.now() + i * 10);
    first.push(await firstRender(page, s));
    const steady = typicalPoll(s, s.updatedAt + 1);
    await untilNextPoll();
    typical.push(await update(page, s, steady));
    await untilNextPoll();
    hardest.push(await update(page, steady, nextPoll(steady, steady.updatedAt + 1)));
    await page.close();
  }
  return { first: median(first), typical: median(typical), hardest: median(hardest) };
}

/** Selects the first folded namespace and unfolds it with Enter; ms until the graph shows its workloads. */
async function timeExpand(page: Page): Promise<number> {
  await page.focus('.graph');
  await page.keyboard.press('ArrowRight');
  return page.evaluate(`new Promise((resolve) => {
    const started = performance.now();
    const summary = document.querySelector('.summary');
    const observer = new MutationObserver(() => {
      if (!summary.textContent.startsWith('50 of')) return;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
    });
    observer.observe(summary, { childList: true, characterData: true, subtree: true });
    document.querySelector('.graph').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  })`) as Promise<number>;
}

/** 15 minutes of 5 s polls of `s`, as the host sends them with a whole snapshot. */
function fullHistory(s: TrafficSnapshot): TrafficHistory {
  const h = new TrafficHistory(5);
  for (let i = 180; i > 0; i--) recordSnapshot(h, typicalPoll({ ...s, updatedAt: s.updatedAt - i * 5000 }, s.updatedAt - i * 5000));
  return h;
}

const TABLE = { view: 'table', label: 'rps', filter: { namespace: '', text: '' }, sort: { column: 'rps', descending: true }, expanded: [], collapsed: [], positions: {} };

/**
 * The update path with sparklines against the same path without (no history yet, so nothing to draw), in the
 * same run: the table (a sparkline per row, 2,000 rows) and the graph (three in the details of a selected edge).
 */
async function measureHistory(panel: PanelPage, view: 'table' | 'graph', withHistory: boolean, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await panel.open({ width: 1200, height: 800, ...(view === 'table' ? { state: TABLE } : {}) });
    const s = bigMesh(500, 2000, Date.now() + i * 10_000);
    if (withHistory) await page.evaluate(PanelPage.historyScript(fullHistory(s).toState()));
    await firstRender(page, s);
    if (view === 'graph') {
      await page.focus('.graph');
      await page.keyboard.press('ArrowRight');
    }
    await untilNextPoll();
    const steady = typicalPoll(s, s.updatedAt + 5000);
    samples.push(await update(page, s, steady));
    await page.close();
  }
  return median(samples);
}

async function main(): Promise<void> {
  printLoad();
  const panel = await PanelPage.start();
  try {
    await measure(panel, (at) => simEmojivoto(at), 1); // warm-up: browser start, first bundle parse
    const small = await measure(panel, (at) => simEmojivoto(at), 5);
    const big = await measure(panel, (at) => bigMesh(500, 2000, at), 5);
    const line = (label: string, ms: number, base: number) => console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms  = ${(ms / base).toFixed(2)}x emojivoto (10 workloads)`);
    line('first render, 500 nodes / 2,000 edges', big.first, small.first);
    line('update, typical poll, 500 nodes / 2,000 edges', big.typical, small.typical);
    line('update, most edges change colour, 500 / 2,000', big.hardest, small.hardest);
    const verdict = (ms: number, target: number) => `${ms.toFixed(0)} ms (target <= ${target} ms: ${ms <= target ? 'met' : 'MISSED'})`;
    console.log(`  500/2,000 on this machine at this load: first render ${verdict(big.first, 500)}; update ${verdict(big.typical, 100)} for a typical poll, ${verdict(big.hardest, 100)} when most edges change colour`);
    for (const view of ['table', 'graph'] as const) {
      const without = await measureHistory(panel, view, false, 5);
      const withSparklines = await measureHistory(panel, view, true, 5);
      console.log(`${`update, ${view}, 500 / 2,000, with 15 min sparklines`.padEnd(52)} ${withSparklines.toFixed(1).padStart(9)} ms  = ${(withSparklines / without).toFixed(2)}x the same update without history (${without.toFixed(1)} ms)`);
    }
    const huge = { first: [] as number[], update: [] as number[], expand: [] as number[] };
    for (let i = 0; i < 3; i++) {
      const page = await panel.open({ width: 1200, height: 800 });
      const s = bigMesh(1000, 5000, Date.now() + i * 10);
      huge.first.push(await firstRender(page, s));
      await untilNextPoll();
      huge.update.push(await update(page, s, typicalPoll(s, s.updatedAt + 1)));
      await untilNextPoll();
      huge.expand.push(await timeExpand(page));
      await page.close();
    }
    line('first render, 1,000 nodes / 5,000 edges (folded)', median(huge.first), small.first);
    line('update, typical poll, 1,000 / 5,000 (folded)', median(huge.update), small.typical);
    line('unfold a namespace (Enter), 5,000 edges', median(huge.expand), small.typical);
    printLoad();
    if (panel.errors.length) throw new Error(`page errors: ${panel.errors.join('; ')}`);
  } finally {
    await panel.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
