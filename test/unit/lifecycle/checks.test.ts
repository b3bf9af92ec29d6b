import * as assert from 'node:assert/strict';
import { CLI_ACTIONS, fail, formatReport, ok, runChecks, warn, type CheckContext } from '../../../src/core/lifecycle/checks';
import { atLeast, parseKubeVersion } from '../../../src/core/lifecycle/version';
import { outdatedProxies } from '../../../src/core/lifecycle/controlPlaneChecks';

const ctx = { client: undefined, call: {}, facts: new Map(), actions: CLI_ACTIONS } as unknown as CheckContext;

describe('check runner', () => {
  it('skips everything after a fatal error and reports overall failure', async () => {
    const ran: string[] = [];
    const report = await runChecks(
      [
        { name: 'a', checks: [{ description: 'first', run: async () => (ran.push('first'), ok()) }, { description: 'fatal', fatal: true, run: async () => (ran.push('fatal'), fail('broken', 'fix it')) }] },
        { name: 'b', checks: [{ description: 'later', run: async () => (ran.push('later'), ok()) }] },
      ],
      ctx,
    );
    assert.deepEqual(ran, ['first', 'fatal']);
    assert.equal(report.success, false);
    assert.equal(report.categories[1].checks[0].result, 'skipped');
    assert.match(report.categories[1].checks[0].error ?? '', /"fatal" failed/);
  });

  it('warnings do not fail the report; thrown errors become errors with their message', async () => {
    const report = await runChecks(
      [{ name: 'c', checks: [{ description: 'w', run: async () => warn('soon', 'rotate') }, { description: 't', run: async () => { throw Object.assign(new Error('x'), { userMessage: 'Forbidden: you may not list nodes.' }); } }] }],
      ctx,
    );
    assert.equal(report.categories[0].checks[0].result, 'warning');
    assert.equal(report.categories[0].checks[1].result, 'error');
    assert.equal(report.categories[0].checks[1].error, 'Forbidden: you may not list nodes.');
    assert.equal(report.success, false);
    const text = formatReport(report);
    assert.match(text, /‼ w\n {4}soon\n {4}see: rotate/);
    assert.match(text, /Status check results are ×/);
  });

  it('reports each result as it comes, before later checks finish', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = runChecks(
      [{ name: 'a', checks: [{ description: 'quick', run: async () => ok() }, { description: 'gated', run: async () => (await gate, ok()) }] }],
      ctx,
      { result: (_c, r) => seen.push(r.description) },
    );
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(seen, ['quick'], 'the first result is out while the second check still runs');
    release();
    await run;
    assert.deepEqual(seen, ['quick', 'gated']);
  });

  it('names a slow check while it runs, and at the deadline fails it and skips the rest', async () => {
    const slow: string[] = [];
    const started = Date.now();
    const report = await runChecks(
      [
        { name: 'a', checks: [{ description: 'fast', run: async () => ok() }, { description: 'stuck', run: () => new Promise(() => undefined) }] },
        { name: 'b', checks: [{ description: 'after', run: async () => ok() }] },
      ],
      ctx,
      { slow: (_c, d) => slow.push(d) },
      { deadlineMs: 300, slowAfterMs: 100 },
    );
    assert.ok(Date.now() - started < 2000, 'the run ends at its deadline');
    assert.deepEqual(slow, ['stuck']);
    const [stuck, after] = [report.categories[0].checks[1], report.categories[1].checks[0]];
    assert.equal(stuck.result, 'error');
    assert.match(stuck.error ?? '', /Did not finish: the whole check has a 0\.3 s deadline, and this check was still running after 0\.\d s/);
    assert.match(stuck.hint ?? '', /--verbose/);
    assert.equal(after.result, 'skipped');
    assert.match(after.error ?? '', /not run: the 0\.3 s deadline passed while "stuck" ran/);
  });

  it("tries a retry check again while it fails, as Linkerd's retryDeadline checks (a rollout finishing)", async () => {
    let tries = 0;
    const flaky = { description: 'pods ready', retry: true, run: async () => (++tries < 3 ? fail('2 pods not ready', 'wait') : ok()) };
    const report = await runChecks([{ name: 'a', checks: [flaky] }], ctx);
    assert.equal(tries, 3);
    assert.equal(report.categories[0].checks[0].result, 'success');
  });

  it('reports the last failure of a retry check once its retry budget is spent; other checks are tried once', async () => {
    let retried = 0;
    let once = 0;
    const started = Date.now();
    const report = await runChecks(
      [
        {
          name: 'a',
          checks: [
            { description: 'never', retry: true, run: async () => (retried++, fail('still broken', 'fix it')) },
            { description: 'plain', run: async () => (once++, fail('broken', 'fix it')) },
          ],
        },
      ],
      ctx,
      {},
      { retryForMs: 2500 },
    );
    assert.ok(Date.now() - started < 5000, 'bounded by the retry budget');
    assert.ok(retried >= 2 && retried <= 4, `tried ${retried} times in 2.5 s`);
    assert.equal(once, 1);
    assert.match(report.categories[0].checks[0].error ?? '', /^still broken \(still so after \d tries in \d(\.\d)? s\)$/);
  });

  it('words hints for the CLI without sending its users to the editor or its log', async () => {
    const report = await runChecks([{ name: 'a', checks: [{ description: 't', run: async () => { throw new Error('boom'); } }] }], ctx);
    assert.equal(report.categories[0].checks[0].hint, 'Re-run with --verbose to see each API request.');
  });

  it('compares Kubernetes versions as the install floor needs', () => {
    assert.deepEqual(parseKubeVersion('v1.31.2+k3s1'), [1, 31, 2]);
    assert.ok(atLeast('v1.31.0', '1.31.0'));
    assert.ok(atLeast('v1.32.1-gke.100', '1.31.0'));
    assert.ok(!atLeast('v1.30.9', '1.31.0'));
    assert.ok(!atLeast('garbage', '1.31.0'));
  });

  it('lists meshed pods whose proxy is not the bundled version (native sidecar or classic)', () => {
    const pod = (name: string, image: string, native: boolean) => ({
      metadata: { name, namespace: 'emojivoto' },
      spec: native ? { initContainers: [{ name: 'linkerd-proxy', image }], containers: [] } : { containers: [{ name: 'linkerd-proxy', image }] },
    });
    const stale = outdatedProxies([pod('web', 'cr.l5d.io/linkerd/proxy:edge-26.6.3', true), pod('emoji', 'cr.l5d.io/linkerd/proxy:edge-25.1.1', false), { metadata: { name: 'plain' }, spec: { containers: [{ name: 'app', image: 'x:1' }] } }], 'edge-26.6.3');
    assert.deepEqual(stale, [{ namespace: 'emojivoto', name: 'emoji', version: 'edge-25.1.1' }]);
  });
});
