// The traffic panel with 500 workloads and 2,000 edges in Chromium, timed inside the page: from the
// snapshot message arriving to the graph drawn (layout in the worker, cytoscape update, next frame).
// The baseline is the 6-workload emojivoto snapshot through the same path, measured in the same run.
// Then 1,000 workloads and 5,000 edges, which open with their namespaces collapsed: first render, an update,
// and opening one namespace with Enter. Targets (issue 14): 500/2,000 first render <= 500 ms, update <= 100 ms.
import type { Page } from 'playwright-core';
import { median } from './measure';
import { bigMesh, emojivoto } from '../test/unit/webview/fixtures';
import { PanelPage } from '../test/unit/webview/panelPage';
import type { TrafficSnapshot } from '../src/shared/trafficProtocol';

/** Posts the snapshot inside the page and resolves with the milliseconds until it is drawn. */
function timeRender(page: Page, snapshot: TrafficSnapshot): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const snapshot = ${JSON.stringify(snapshot)};
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (document.body.dataset.rendered !== String(snapshot.updatedAt)) return;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-rendered'] });
    window.postMessage({ type: 'snapshot', snapshot }, '*');
  })`) as Promise<number>;
}

/** The same topology a poll later: every number changed, no node added or removed. */
function nextPoll(s: TrafficSnapshot, at: number): TrafficSnapshot {
  return { ...s, updatedAt: at, edges: s.edges.map((e, i) => ({ ...e, requestsPerSecond: e.requestsPerSecond * (0.8 + (i % 5) / 10), successRate: e.successRate === null ? null : Math.max(0, e.successRate - (i % 7) / 100) })) };
}

async function measure(panel: PanelPage, make: (at: number) => TrafficSnapshot, runs: number) {
  const first: number[] = [];
  const update: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await panel.open({ width: 1200, height: 800 });
    const s = make(1000 + i * 10);
    first.push(await timeRender(page, s));
    update.push(await timeRender(page, nextPoll(s, s.updatedAt + 1)));
    await page.close();
  }
  return { first: median(first), update: median(update) };
}

/** Selects the first collapsed namespace and opens it with Enter; ms until the graph shows its workloads. */
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

async function main(): Promise<void> {
  const panel = await PanelPage.start();
  try {
    await measure(panel, (at) => emojivoto(at), 1); // warm-up: browser start, first bundle parse
    const small = await measure(panel, (at) => emojivoto(at), 5);
    const big = await measure(panel, (at) => bigMesh(500, 2000, at), 5);
    const line = (label: string, ms: number, base: number) => console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms  = ${(ms / base).toFixed(2)}x emojivoto (6 nodes)`);
    line('first render, 500 nodes / 2,000 edges', big.first, small.first);
    line('update (new numbers), 500 nodes / 2,000 edges', big.update, small.update);
    const verdict = (ms: number, target: number) => `${ms.toFixed(0)} ms (target <= ${target} ms: ${ms <= target ? 'met' : 'MISSED'} on this machine at this load)`;
    console.log(`  500/2,000: first render ${verdict(big.first, 500)}, update ${verdict(big.update, 100)}`);
    const huge = { first: [] as number[], update: [] as number[], expand: [] as number[] };
    for (let i = 0; i < 3; i++) {
      const page = await panel.open({ width: 1200, height: 800 });
      const s = bigMesh(1000, 5000, 2000 + i * 10);
      huge.first.push(await timeRender(page, s));
      huge.update.push(await timeRender(page, nextPoll(s, s.updatedAt + 1)));
      huge.expand.push(await timeExpand(page));
      await page.close();
    }
    line('first render, 1,000 nodes / 5,000 edges (collapsed)', median(huge.first), small.first);
    line('update, 1,000 nodes / 5,000 edges (collapsed)', median(huge.update), small.update);
    line('open a namespace (Enter), 5,000 edges', median(huge.expand), small.update);
    if (panel.errors.length) throw new Error(`page errors: ${panel.errors.join('; ')}`);
  } finally {
    await panel.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
