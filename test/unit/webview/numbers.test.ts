import { strict as assert } from 'node:assert';
import { numbersBetween, withNumbers } from '../../../src/shared/trafficNumbers';
import { AUTHZ_NUMBERS, EDGE_NUMBERS, isHostToWebview } from '../../../src/shared/trafficProtocol';
import { bigMesh, emojivoto, simEmojivotoDenied, simEmojivotoOpaqueDenied } from './fixtures';

describe('numbers between polls', () => {
  const before = emojivoto(1);
  const after = { ...emojivoto(2), origin: '6 proxies, again', edges: emojivoto(2).edges.map((e, i) => ({ ...e, requestsPerSecond: e.requestsPerSecond + i, successRate: i === 1 ? null : e.successRate, openConnections: i })) };

  it('sends only the numbers when the workloads and edges are the same, and the page rebuilds the same snapshot', () => {
    const numbers = numbersBetween(before, after);
    assert.ok(numbers);
    assert.ok(isHostToWebview({ type: 'numbers', numbers }));
    assert.equal(numbers.edges.length, before.edges.length * EDGE_NUMBERS.length);
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
    assert.equal(withNumbers(before, { ...numbers, edges: numbers.edges.subarray(EDGE_NUMBERS.length) }), undefined);
    assert.equal(isHostToWebview({ type: 'numbers', numbers: { ...numbers, edges: [...numbers.edges] } }), false, 'only a typed array');
  });

  it('carries allowed and denied rates of edges and authorization rows as numbers, and a changed row as a snapshot', () => {
    const denied = simEmojivotoDenied(1);
    const next = simEmojivotoDenied(2);
    const moved = { ...next, edges: next.edges.map((e) => ({ ...e, deniedRps: (e.deniedRps ?? 0) + 1 })), authorizations: next.authorizations!.map((r) => ({ ...r, allowedRps: r.allowedRps + 2 })) };
    const numbers = numbersBetween(denied, moved);
    assert.ok(numbers?.authorizations);
    assert.equal(numbers.authorizations.length, denied.authorizations!.length * AUTHZ_NUMBERS.length);
    assert.ok(isHostToWebview({ type: 'numbers', numbers }));
    assert.deepEqual(withNumbers(denied, numbers), moved);
    // An edge whose proxies stopped counting authorizations loses the numbers, not just their values.
    const none = numbersBetween(denied, { ...moved, edges: moved.edges.map(({ allowedRps: _a, deniedRps: _d, ...e }) => e) })!;
    assert.equal(withNumbers(denied, none)!.edges[0].deniedRps, undefined);
    // A new reason, client or authorization is more than numbers.
    assert.equal(numbersBetween(denied, { ...moved, authorizations: moved.authorizations.map((r, i) => (i === 0 ? { ...r, refusal: 'defaultDeny' as const } : r)) }), undefined);
    assert.equal(numbersBetween(denied, { ...moved, authorizations: moved.authorizations.slice(1) }), undefined);
    assert.equal(numbersBetween(emojivoto(1), { ...emojivoto(2), authorizations: moved.authorizations }), undefined);
    assert.equal(isHostToWebview({ type: 'numbers', numbers: { ...numbers, authorizations: [1, 2] } }), false, 'only a typed array');
  });

  it('carries the connections allowed and denied of edges apart from their requests', () => {
    const before = simEmojivotoOpaqueDenied(1);
    const after = { ...before, updatedAt: 2, edges: before.edges.map((e) => (e.deniedCps === undefined ? e : { ...e, deniedCps: e.deniedCps + 0.25 })) };
    const numbers = numbersBetween(before, after);
    assert.ok(numbers?.edgeConnAuthz);
    assert.equal(numbers.edgeConnAuthz.length, before.edges.length * AUTHZ_NUMBERS.length);
    assert.ok(isHostToWebview({ type: 'numbers', numbers }));
    assert.deepEqual(withNumbers(before, numbers), after);
    assert.equal(withNumbers(before, { ...numbers, edgeConnAuthz: numbers.edgeConnAuthz.subarray(2) }), undefined, 'numbers for other edges');
    // A row that changes what it counts is more than numbers.
    assert.equal(numbersBetween(before, { ...after, authorizations: after.authorizations!.map((r) => ({ ...r, protocol: 'http' as const })) }), undefined);
  });

  it('makes a big mesh update a small message', () => {
    const big = bigMesh(500, 2000, 1);
    const next = { ...big, updatedAt: 2, edges: big.edges.map((e) => ({ ...e, requestsPerSecond: e.requestsPerSecond * 1.1 })) };
    const numbers = numbersBetween(big, next)!;
    assert.ok(numbers.edges.byteLength < JSON.stringify(big).length / 10);
  });
});
