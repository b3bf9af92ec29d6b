import { cpus, loadavg } from 'node:os';

/** Shared timing helpers for benchmarks: median of repeated runs, after warm-up, with GC between runs. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

export function time(fn: () => unknown, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

export async function timeAsync(fn: () => Promise<unknown>, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

/** Prints one line: what, its time, and its ratio to the baseline measured in the same run. */
export function report(label: string, ms: number, baselineLabel: string, baselineMs: number, target?: number): void {
  const ratio = ms / baselineMs;
  const verdict = target === undefined ? '' : ratio <= target ? `  (target <= ${target}x: met)` : `  (target <= ${target}x: MISSED)`;
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms  = ${ratio.toFixed(2)}x ${baselineLabel}${verdict}`);
}

/** The machine is shared: every result is printed next to the load it was measured under. */
export function printLoad(): void {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
}
