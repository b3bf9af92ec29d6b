import { strict as assert } from 'node:assert';
import { isHostToWebview, isWebviewToHost, PANEL_COMMANDS, PROBLEM_KINDS } from '../../../src/shared/trafficProtocol';
import { emojivoto, simEmojivotoDenied, simEmojivotoOpaqueDenied } from './fixtures';

describe('traffic protocol guards', () => {
  it('accepts every message the host sends', () => {
    assert.ok(isHostToWebview({ type: 'snapshot', snapshot: emojivoto(1) }));
    assert.ok(isHostToWebview({ type: 'snapshot', snapshot: { ...emojivoto(1), systemNamespaces: ['linkerd'] } }));
    assert.ok(isHostToWebview({ type: 'snapshot', snapshot: simEmojivotoDenied(1) }));
    assert.ok(isHostToWebview({ type: 'snapshot', snapshot: simEmojivotoOpaqueDenied(1) }));
    assert.ok(isHostToWebview({ type: 'problem', problem: { kind: 'noLinkerd', message: 'm', hint: 'h' } }));
    assert.ok(isHostToWebview({ type: 'loading', context: 'kind' }));
    assert.ok(isHostToWebview({ type: 'settings', settings: { intervalSeconds: 5, warnBelow: 0.99, failBelow: 0.95 } }));
    assert.ok(isHostToWebview({ type: 'paused', paused: true }));
    assert.ok(isHostToWebview({ type: 'notice', notice: 'No manifest for Deployment "web" in this workspace.' }));
    assert.ok(isHostToWebview({ type: 'notice' }));
    assert.equal(isHostToWebview({ type: 'notice', notice: { html: '<b>x</b>' } }), false);
  });

  it('rejects malformed snapshots field by field', () => {
    const good = emojivoto(1);
    const broken: unknown[] = [
      { ...good, source: 'guess' },
      { ...good, updatedAt: Number.NaN },
      { ...good, nodes: [{ ...good.nodes[0], name: 42 }] },
      { ...good, nodes: [{ ...good.nodes[0], meshed: 'yes' }] },
      { ...good, edges: [{ ...good.edges[0], successRate: '1' }] },
      { ...good, edges: [{ ...good.edges[0], latencyMs: { p50: 1, p95: 2 } }] },
      { ...good, edges: [{ ...good.edges[0], noTlsReason: undefined }] },
      { ...good, edges: [{ ...good.edges[0], clientIdentity: 7 }] },
      { ...good, edges: 'none' },
      { ...good, systemNamespaces: 'linkerd' },
    ];
    for (const snapshot of broken) assert.equal(isHostToWebview({ type: 'snapshot', snapshot }), false, JSON.stringify(snapshot).slice(0, 200));
    assert.equal(isHostToWebview({ type: 'problem', problem: { kind: 'exploded', message: 'm', hint: 'h' } }), false);
    assert.equal(isHostToWebview({ type: 'eval', code: 'alert(1)' }), false);
    assert.equal(isHostToWebview(null), false);
    assert.equal(isHostToWebview([{ type: 'paused', paused: true }]), false);
  });

  it('rejects malformed authorization numbers and rows field by field', () => {
    const good = simEmojivotoDenied(1);
    const row = good.authorizations![0];
    const broken: unknown[] = [
      { ...good, edges: [{ ...good.edges[0], deniedRps: '6' }] },
      { ...good, edges: [{ ...good.edges[0], allowedRps: Number.POSITIVE_INFINITY }] },
      { ...good, authorizations: {} },
      { ...good, authorizations: [{ ...row, destination: undefined }] },
      { ...good, authorizations: [{ ...row, server: 'web-http' }] },
      { ...good, authorizations: [{ ...row, server: { kind: 'server' } }] },
      { ...good, authorizations: [{ ...row, route: undefined }] },
      { ...good, authorizations: [{ ...row, authorization: { kind: 1, name: 'x' } }] },
      { ...good, authorizations: [{ ...row, client: ['<b>'] }] },
      { ...good, authorizations: [{ ...row, port: '8080' }] },
      { ...good, authorizations: [{ ...row, deniedRps: null }] },
      { ...good, authorizations: [{ ...row, refusal: 'because' }] },
      // Every row says what it counts: requests or connections.
      { ...good, authorizations: [{ ...row, protocol: undefined }] },
      { ...good, authorizations: [{ ...row, protocol: 'udp' }] },
      { ...good, edges: [{ ...good.edges[0], deniedCps: '0.5' }] },
      { ...good, edges: [{ ...good.edges[0], allowedCps: Number.NaN }] },
    ];
    for (const snapshot of broken) assert.equal(isHostToWebview({ type: 'snapshot', snapshot }), false, JSON.stringify(snapshot).slice(0, 300));
  });

  it('accepts only the page messages the host acts on', () => {
    const w = { kind: 'Deployment', name: 'web', namespace: 'emojivoto' };
    assert.ok(isWebviewToHost({ type: 'ready' }));
    assert.ok(isWebviewToHost({ type: 'resync' }));
    assert.ok(isWebviewToHost({ type: 'openManifest', workload: w }));
    assert.ok(isWebviewToHost({ type: 'addToMesh', workload: w }));
    assert.ok(isWebviewToHost({ type: 'setPaused', paused: false }));
    assert.ok(isWebviewToHost({ type: 'command', command: 'selectContext' }));
    assert.equal(isWebviewToHost({ type: 'command', command: 'workbench.action.terminal.new' }), false);
    assert.equal(isWebviewToHost({ type: 'openManifest', workload: { kind: 'Deployment', name: 'web' } }), false);
    assert.equal(isWebviewToHost({ type: 'setPaused', paused: 'no' }), false);
    assert.equal(isWebviewToHost({ type: 'openFile', path: '/etc/passwd' }), false);
    assert.ok(isWebviewToHost({ type: 'openPolicy', policy: { kind: 'authorizationpolicy', name: 'web-authz', namespace: 'emojivoto', workload: w } }));
    assert.ok(isWebviewToHost({ type: 'openPolicy', policy: { kind: 'default', name: 'deny', namespace: 'emojivoto', workload: w } }));
    assert.equal(isWebviewToHost({ type: 'openPolicy', policy: { kind: 'server', name: 'web-http', namespace: 'emojivoto' } }), false, 'the workload it served');
    assert.equal(isWebviewToHost({ type: 'openPolicy', policy: { kind: 'server', namespace: 'emojivoto', workload: w } }), false);
    assert.equal(isWebviewToHost({ type: 'openPolicy', policy: 'server/web-http' }), false);
  });

  it('accepts every problem kind and panel command the types name: the guards read the same as-const lists', () => {
    assert.deepEqual(PROBLEM_KINDS.filter((kind) => !isHostToWebview({ type: 'problem', problem: { kind, message: 'm', hint: 'h' } })), []);
    assert.deepEqual(PANEL_COMMANDS.filter((command) => !isWebviewToHost({ type: 'command', command })), []);
  });
});
