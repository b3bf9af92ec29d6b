// Installing Linkerd against the simulator, from the first request to every control-plane deployment
// available, with a fresh identity; against applying as many ConfigMaps by server-side apply in the same run.
// Certificates and rendering alone are measured in controlplane.bench.ts. Each run gets a fresh, empty cluster,
// started outside the timed part. readinessDelayMs is 0 so the time is the product's and the simulator's
// work, not the delay the simulator is told to wait before pods turn ready; one run with the default delay
// shows what the delay adds.
import { memoryAnchors } from '../test/cluster/simContext';
import { installLinkerd, type InstallResult } from '../src/core/lifecycle/install';
import { median, printLoad, report } from './measure';
import { simClient } from './simClient';

const RUNS = 3;

interface Run {
  ms: number;
  requests: number;
  result: InstallResult;
  /** Milliseconds from the start at which the CRDs were established and the control plane was applied. */
  crdsMs: number;
  appliedMs: number;
}

async function timedInstall(readinessDelayMs: number): Promise<Run> {
  const { sim, client, log } = await simClient({ scenario: 'empty', linkerd: 'none', readinessDelayMs });
  try {
    const t0 = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - t0) / 1e6;
    // Phase marks from the product's own progress lines show where the time goes (waits poll every 500 ms).
    let crdsMs = 0;
    let appliedMs = 0;
    let lastApply = 0;
    const result = await installLinkerd(client, {
      anchors: memoryAnchors(),
      installGatewayApi: true,
      progress: (m) => {
        if (m === 'CRDs established') crdsMs = since();
        if (m.startsWith('applied ')) lastApply = since();
        if (m.startsWith('deployment ') && !appliedMs) appliedMs = lastApply;
      },
      call: {},
    });
    return { ms: since(), requests: log.requests, result, crdsMs, appliedMs };
  } finally {
    await sim.close();
  }
}

/** The same number of server-side applies of small objects: the floor of request round-trips an install makes. */
async function timedConfigMaps(count: number): Promise<number> {
  const { sim, client } = await simClient({ scenario: 'empty', linkerd: 'none', readinessDelayMs: 0 });
  try {
    await client.version();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
      await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bench-${i}`, namespace: 'default' }, data: { key: `value-${i}` } }, { force: true });
    }
    return Number(process.hrtime.bigint() - t0) / 1e6;
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  printLoad();
  // One untimed install warms the JIT and tells how many objects the install applies.
  const warm = await timedInstall(0);
  const applied = warm.result.applied;
  const baselineSamples: number[] = [];
  const installSamples: number[] = [];
  let last = warm;
  // Alternating install and baseline keeps a burst of load on the shared machine from landing on one side only.
  for (let i = 0; i < RUNS; i++) {
    baselineSamples.push(await timedConfigMaps(applied));
    const run = await timedInstall(0);
    installSamples.push(run.ms);
    last = run;
  }
  const baseline = median(baselineSamples);
  const baselineLabel = `${applied} ConfigMap applies`;
  report(`SSA of ${applied} ConfigMaps (baseline)`, baseline, baselineLabel, baseline);
  report('install Linkerd, readiness delay 0', median(installSamples), baselineLabel, baseline);
  const phases = (r: Run) => `CRDs established at ${r.crdsMs.toFixed(0)} ms, control plane applied at ${r.appliedMs.toFixed(0)} ms, all available at ${r.ms.toFixed(0)} ms`;
  console.log(`  last run: ${last.requests} requests; ${phases(last)}`);
  const delayed = await timedInstall(1000);
  report('install Linkerd, readiness delay 1000 ms', delayed.ms, baselineLabel, baseline);
  console.log(`  ${phases(delayed)}`);
  console.log(`  the simulator's 1000 ms readiness delay adds ${(delayed.ms - median(installSamples)).toFixed(0)} ms to one install`);
  printLoad();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
