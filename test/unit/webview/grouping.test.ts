import { strict as assert } from 'node:assert';
import { applyFilter } from '../../../webview/traffic/filter';
import { foldedByDefault, groupId, groupNamespaces, isGroup } from '../../../webview/traffic/grouping';
import { bigMesh, emojivoto, simEmojivoto } from './fixtures';

describe('namespace grouping', () => {
  const s = emojivoto(1);
  const all = applyFilter(s, { namespace: '', text: '' });

  it('draws everything as is when no namespace is collapsed', () => {
    const g = groupNamespaces(all, () => false);
    assert.deepEqual(g.nodes, all.nodes);
    assert.equal(g.edges, all.edges);
  });

  it('draws a collapsed namespace as one node and sums the edges that then join the same ends', () => {
    const g = groupNamespaces(all, (ns) => ns === 'emojivoto');
    const group = g.nodes.find((n) => n.id === groupId('emojivoto'));
    assert.ok(group && isGroup(group));
    assert.deepEqual([group.members, group.meshedPods, group.totalPods, group.meshed], [4, 5, 5, true]);
    assert.deepEqual(g.nodes.filter((n) => !isGroup(n)).map((n) => n.name).sort(), ['gateway', 'ledger']);
    // gateway → web becomes gateway → emojivoto; the calls inside emojivoto sum on one edge to itself.
    const inside = g.edges.find((e) => e.source === groupId('emojivoto') && e.target === groupId('emojivoto'));
    assert.ok(inside);
    assert.ok(Math.abs(inside.requestsPerSecond - (2.1 + 6.3 + 2.1)) < 1e-9);
    assert.ok(Math.abs((inside.successRate ?? 0) - (2.1 + 6.3 + 2.1 * 0.931) / 10.5) < 1e-9, 'success weighted by requests');
    assert.equal(inside.latencyMs, null, 'percentiles do not add up');
    assert.equal(inside.noTlsReason, '');
    const out = g.edges.find((e) => e.target === 'legacy/StatefulSet/ledger');
    assert.equal(out?.noTlsReason, 'not_provided_by_service_discovery', 'an edge with an unsecured part is not secured');
  });

  it('adds up the authorization counts of a summed edge, so refusals inside a folded namespace still show', () => {
    // bot → web and web → emoji both fold into emojivoto → emojivoto; gateway → web counted nothing.
    const edges = all.edges.map((e, i) => (i === 1 ? { ...e, allowedRps: 1, deniedRps: 0.5 } : i === 2 ? { ...e, deniedRps: 2, deniedCps: 0.25 } : e));
    const g = groupNamespaces({ ...all, edges }, (ns) => ns === 'emojivoto');
    const inside = g.edges.find((e) => e.source === groupId('emojivoto') && e.target === groupId('emojivoto'))!;
    assert.deepEqual([inside.allowedRps, inside.deniedRps, inside.deniedCps, inside.allowedCps], [1, 2.5, 0.25, undefined]);
    const entry = g.edges.find((e) => e.target === groupId('emojivoto') && e.source !== groupId('emojivoto'))!;
    assert.ok(!('deniedRps' in entry) && !('allowedRps' in entry), 'an edge whose parts counted nothing has no counts');
  });

  it('folds the control plane, namespaces without traffic and, in a mesh too big to read, every namespace but those the search finds', () => {
    const sim = simEmojivoto(1);
    assert.deepEqual([...foldedByDefault(sim, '')].sort(), ['legacy', 'linkerd']);
    assert.deepEqual([...foldedByDefault(sim, 'identity')].sort(), ['legacy'], 'a search that finds a workload opens its namespace');
    const big = bigMesh(1000, 5000, 1);
    assert.equal(foldedByDefault(big, '').size, 20);
    assert.deepEqual([...foldedByDefault(big, 'svc-999')].length, 19);
    assert.deepEqual([...foldedByDefault(s, '')], [], 'every namespace of the small emojivoto has traffic');
  });
});
