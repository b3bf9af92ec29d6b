import { strict as assert } from 'node:assert';
import { numbersBetween, withNumbers } from '../../../src/shared/trafficNumbers';
import { isHostToWebview } from '../../../src/shared/trafficProtocol';
import { bigMesh, emojivoto } from './fixtures';

describe('numbers between polls', () => {
  const before = emojivoto(1);
  const after = { ...emojivoto(2), origin: '6 proxies, again', edges: emojivoto(2).edges.map((e, i) => ({ ...e, requestsPerSecond: e.requestsPerSecond + i, successRate: i === 1 ? null : e.successRate, openConnections: i })) };

  it('sends only the numbers when the workloads and edges are the same, and the page rebuilds the same snapshot', () => {
    const numbers = numbersBetween(before, after);
    assert.ok(numbers);
    assert.ok(isHostToWebview({ type: 'numbers', numbers }));
    assert.equal(numbers.edges.length, before.edges.length * 6);
    assert.deepEqual(withNumbers(before, numbers), after);
  });

  it('sends the whole snapshot when anything but numbers changed', () => {
    const web = before.nodes[1];
    assert.equal(numbersBetween(before, { ...after, nodes: after.nodes.map((n) => (n.id === web.id ? { ...n, totalPods: 9 } : n)) }), undefined);
    assert.equal(numbersBetween(before, { ...after, edges: after.edges.slice(1) }), undefined);
    assert.equal(numbersBetween(before, { ...after, edges: after.edges.map((e, i) => (i === 0 ? { ...e, noTlsReason: 'no_tls_from_remote' } : e)) }), undefined);
    assert.equal(numbersBetween(before, { ...after, edges: after.edges.map((e, i) => (i === 0 ? { ...e, latencyMs: null } : e)) }), undefined);
    assert.equal(numbersBetween(before, { ...after, context: 'other' }), undefined);
  });

  it('refuses numbers made for another snapshot than the page has', () => {
    const numbers = numbersBetween(before, after)!;
    assert.equal(withNumbers(emojivoto(3), numbers), undefined);
    assert.equal(withNumbers(before, { ...numbers, edges: numbers.edges.subarray(6) }), undefined);
    assert.equal(isHostToWebview({ type: 'numbers', numbers: { ...numbers, edges: [...numbers.edges] } }), false, 'only a typed array');
  });

  it('makes a big mesh update a small message', () => {
    const big = bigMesh(500, 2000, 1);
    const next = { ...big, updatedAt: 2, edges: big.edges.map((e) => ({ ...e, requestsPerSecond: e.requestsPerSecond * 1.1 })) };
    const numbers = numbersBetween(big, next)!;
    assert.ok(numbers.edges.byteLength < JSON.stringify(big).length / 10);
  });
});
