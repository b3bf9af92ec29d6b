import * as assert from 'node:assert/strict';
import { fail, formatReport, ok, runChecks, warn, type CheckContext } from '../../../src/core/lifecycle/checks';
import { atLeast, parseKubeVersion } from '../../../src/core/lifecycle/version';
import { outdatedProxies } from '../../../src/core/lifecycle/controlPlaneChecks';

const ctx = { client: undefined, call: {}, facts: new Map() } as unknown as CheckContext;

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
