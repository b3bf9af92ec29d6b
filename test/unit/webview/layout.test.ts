import { strict as assert } from 'node:assert';
import { COLUMN, layout, rank, ROW, type Point } from '../../../webview/traffic/layout';
import { bigMesh, emojivoto } from './fixtures';

function request(s: ReturnType<typeof emojivoto>, previous: Record<string, Point> = {}) {
  return { seq: 1, nodes: s.nodes.map((n) => ({ id: n.id, namespace: n.namespace, name: n.name })), edges: s.edges, previous };
}

/** No node in `only` (default: all) overlaps any other node. */
function assertApart(positions: Record<string, Point>, only?: readonly string[]): void {
  const list = Object.entries(positions);
  for (const [a, p] of list) {
    if (only && !only.includes(a)) continue;
    for (const [b, q] of list) {
      if (a !== b) assert.ok(Math.abs(p.x - q.x) >= COLUMN * 0.75 || Math.abs(p.y - q.y) >= ROW * 0.75, `${a} overlaps ${b}`);
    }
  }
}

describe('graph layout', () => {
  it('puts callers left of the workloads they call, inside one namespace', () => {
    const p = layout(request(emojivoto(1)));
    const id = (name: string) => `emojivoto/Deployment/${name}`;
    assert.ok(p[id('vote-bot')].x < p[id('web')].x);
    assert.ok(p[id('web')].x < p[id('emoji')].x);
    assert.equal(p[id('emoji')].x, p[id('voting')].x);
    assertApart(p);
  });

  it('keeps every placed node where it was and places only new ones, apart from the others', () => {
    const before = emojivoto(1);
    const first = layout(request(before));
    first['emojivoto/Deployment/web'] = { x: 333, y: -51 }; // the user dragged it
    const after = emojivoto(2);
    const extra = { ...after.nodes[0], id: 'emojivoto/Deployment/web-v2', name: 'web-v2' };
    const extraNs = { ...after.nodes[0], id: 'payments/Deployment/api', name: 'api', namespace: 'payments' };
    const next = layout({ ...request({ ...after, nodes: [...after.nodes, extra, extraNs] }, first) });
    for (const [id, p] of Object.entries(first)) assert.deepEqual(next[id], p, id);
    assert.ok(next[extra.id] && next[extraNs.id]);
    assertApart(next, [extra.id, extraNs.id]);
  });

  it('wraps namespaces to the shape of the view: stacked when tall, side by side when wide', () => {
    const s = bigMesh(60, 80, 1);
    const spread = (aspect: number) => {
      const p = Object.values(layout({ ...request(s), aspect }));
      const xs = p.map((q) => q.x);
      const ys = p.map((q) => q.y);
      return (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
    };
    assert.ok(spread(0.4) < 1, `tall view: ${spread(0.4)}`);
    assert.ok(spread(3) > 1.5, `wide view: ${spread(3)}`);
  });

  it('returns the previous positions untouched when nothing is new', () => {
    const first = layout(request(emojivoto(1)));
    assert.deepEqual(layout(request(emojivoto(2), first)), first);
  });

  it('ranks through cycles without looping and lays out a big mesh quickly', () => {
    const r = rank(['a', 'b', 'c'], [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'c', target: 'a' }]);
    assert.deepEqual([r.get('a'), r.get('b'), r.get('c')], [0, 1, 2]);
    const big = bigMesh(500, 2000, 1);
    const started = performance.now();
    const p = layout(request(big));
    assert.equal(Object.keys(p).length, 500);
    assertApart(p);
    assert.ok(performance.now() - started < 2000);
  });
});
