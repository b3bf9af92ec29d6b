import { strict as assert } from 'node:assert';
import { applyFilter } from '../../../webview/traffic/filter';
import { edgeLabel, formatLatency, formatRps, formatSuccess, health } from '../../../webview/traffic/format';
import { sortEdges } from '../../../webview/traffic/table';
import { emojivoto } from './fixtures';

describe('panel view model', () => {
  const s = emojivoto(1);
  const nodes = new Map(s.nodes.map((n) => [n.id, n]));

  it('filters by namespace keeping edges with either end in it, and by text with the peers of matches', () => {
    const legacy = applyFilter(s, { namespace: 'legacy', text: '' });
    assert.deepEqual(legacy.edges.map((e) => e.id), ['emojivoto/Deployment/voting->legacy/StatefulSet/ledger']);
    assert.deepEqual(legacy.nodes.map((n) => n.name).sort(), ['ledger', 'voting']);
    const emoji = applyFilter(s, { namespace: '', text: 'EMOJI' });
    assert.equal(emoji.nodes.length, 6, 'the namespace "emojivoto" matches the text too');
    const gateway = applyFilter(s, { namespace: '', text: 'gate' });
    assert.deepEqual(gateway.nodes.map((n) => n.name).sort(), ['gateway', 'web']);
    assert.equal(applyFilter(s, { namespace: 'ingress', text: 'vote' }).edges.length, 0);
  });

  it('sorts by any column, missing values last in both directions', () => {
    const noTraffic = { ...s.edges[0], id: 'x->y', requestsPerSecond: 0, successRate: null, latencyMs: null };
    const edges = [...s.edges, noTraffic];
    const asc = sortEdges(edges, { column: 'success', descending: false }, nodes);
    assert.equal(asc[0].successRate, 0.931);
    assert.equal(asc[asc.length - 1].id, 'x->y');
    const desc = sortEdges(edges, { column: 'p99', descending: true }, nodes);
    assert.equal(desc[0].latencyMs?.p99, 216);
    assert.equal(desc[desc.length - 1].id, 'x->y');
    // By destination, then source.
    assert.deepEqual(sortEdges(s.edges, { column: 'target', descending: false }, nodes).map((e) => `${e.target.split('/')[2]}<${e.source.split('/')[2]}`), ['emoji<web', 'voting<web', 'web<vote-bot', 'web<gateway', 'ledger<voting']);
  });

  it('formats numbers without rounding a failing edge up to 100%', () => {
    assert.equal(formatSuccess(0.99961), '99.9%');
    assert.equal(formatSuccess(1), '100%');
    assert.equal(formatSuccess(null), '–');
    assert.equal(formatRps(0.04), '<0.1 rps');
    assert.equal(formatRps(12.4), '12 rps');
    assert.equal(edgeLabel(s.edges[0], 'rps'), '4.2/s');
    assert.equal(formatLatency(1500), '1.5 s');
    assert.equal(formatLatency(null), '–');
    assert.equal(edgeLabel(s.edges[3], 'latency'), 'p95 38 ms');
    assert.equal(edgeLabel(s.edges[3], 'success'), '93.1%');
  });

  it('grades health with the configured thresholds', () => {
    const t = { warnBelow: 0.99, failBelow: 0.95 };
    assert.deepEqual([0.999, 0.99, 0.98, 0.95, 0.94].map((r) => health(r, t)), ['ok', 'ok', 'warn', 'warn', 'fail']);
    assert.equal(health(null, t), 'idle');
  });
});
