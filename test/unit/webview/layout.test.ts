import { strict as assert } from 'node:assert';
import { layoutGraph } from '../../../webview/trafficLayout/layered';
import { crossings, orderItems, type Item } from '../../../webview/trafficLayout/order';
import { spaced } from '../../../webview/trafficLayout/place';
import { backLinks, rankNodes } from '../../../webview/trafficLayout/rank';
import type { Layout, LayoutRequest } from '../../../webview/trafficLayout/types';
import type { TrafficSnapshot } from '../../../src/shared/trafficProtocol';
import { edgesThroughNodes, overlappingPairs, type Box } from '../../harness/graphGeometry';
import { bigMesh, emojivoto, simEmojivoto } from './fixtures';

/** Nodes as wide as their names at about 7 px a letter, labels 46 × 16, as the page measures them. */
function request(s: TrafficSnapshot, labels = true, previous: LayoutRequest['previous'] = {}): Omit<LayoutRequest, 'seq'> {
  return {
    nodes: s.nodes.map((n) => ({ id: n.id, band: n.namespace, width: n.name.length * 7 + 12, height: 24, framed: true })),
    edges: s.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, ...(labels ? { label: { width: 46, height: 16 } } : {}) })),
    previous,
    aspect: 0.75,
    route: labels,
  };
}

function boxes(req: Omit<LayoutRequest, 'seq'>, l: Layout): { nodes: { id: string; box: Box }[]; labels: { id: string; box: Box }[] } {
  const box = (p: { x: number; y: number }, w: number, h: number) => ({ x1: p.x - w / 2, y1: p.y - h / 2, x2: p.x + w / 2, y2: p.y + h / 2 });
  return {
    nodes: req.nodes.map((n) => ({ id: n.id, box: box(l.positions[n.id], n.width, n.height) })),
    labels: req.edges.filter((e) => e.label).map((e) => ({ id: `label of ${e.id}`, box: box(l.labels[e.id], e.label!.width, e.label!.height) })),
  };
}

/** Every edge as drawn: source centre, bend points, target centre. */
function drawn(req: Omit<LayoutRequest, 'seq'>, l: Layout) {
  return req.edges.map((e) => ({ ...e, points: [l.positions[e.source].x, l.positions[e.source].y, ...l.routes[e.id], l.positions[e.target].x, l.positions[e.target].y] }));
}

function assertReadable(req: Omit<LayoutRequest, 'seq'>, l: Layout): void {
  const b = boxes(req, l);
  assert.deepEqual(overlappingPairs([...b.nodes, ...b.labels]), [], 'no node or label covers another');
  assert.deepEqual(edgesThroughNodes(drawn(req, l), b.nodes), [], 'no edge runs through a node');
}

describe('graph layout', () => {
  it('lays emojivoto out callers to callees, left to right, with each label on its edge and nothing covered', () => {
    const req = request(simEmojivoto(1));
    const l = layoutGraph(req);
    const x = (name: string) => l.positions[`emojivoto/Deployment/${name}`].x;
    assert.ok(x('vote-bot') < x('web') && x('web') < x('emoji'));
    assert.equal(x('emoji'), x('voting'));
    assert.equal(l.positions['emojivoto/UnmeshedClients/unmeshed'].x, x('vote-bot'));
    assertReadable(req, l);
    // The label sits on the line: its centre is on one of the edge's horizontal runs.
    for (const e of drawn(req, l)) {
      const at = l.labels[e.id];
      const onLine = e.points.some((_, i) => i % 2 === 0 && i + 3 < e.points.length && e.points[i + 1] === at.y && e.points[i + 3] === at.y && Math.min(e.points[i], e.points[i + 2]) <= at.x && at.x <= Math.max(e.points[i], e.points[i + 2]));
      assert.ok(onLine, `label of ${e.id} is on its edge`);
    }
  });

  it('gives each namespace a lane with a frame around its workloads, and puts idle workloads in a row below', () => {
    const req = request(simEmojivoto(1));
    const l = layoutGraph(req);
    const frame = (band: string) => l.frames.filter((f) => f.band === band);
    assert.equal(frame('emojivoto').length, 1);
    const f = frame('emojivoto')[0];
    for (const n of req.nodes.filter((n) => n.band === 'emojivoto')) {
      const p = l.positions[n.id];
      assert.ok(p.x - n.width / 2 >= f.x && p.x + n.width / 2 <= f.x + f.width && p.y - 12 >= f.y && p.y + 12 <= f.y + f.height, `${n.id} inside its frame`);
    }
    const lowest = Math.max(...req.nodes.filter((n) => n.band === 'emojivoto').map((n) => l.positions[n.id].y));
    for (const id of ['legacy/Deployment/legacy-client', 'linkerd/Deployment/linkerd-identity']) assert.ok(l.positions[id].y > lowest, `${id} below the graph`);
    assert.deepEqual(overlappingPairs(l.frames.map((fr, i) => ({ id: `${fr.band}#${i}`, box: { x1: fr.x, y1: fr.y, x2: fr.x + fr.width, y2: fr.y + fr.height } }))), []);
  });

  it('titles the idle frame of a namespace that also has a lane as such, wide enough for its title', () => {
    const s = simEmojivoto(1);
    const web = s.nodes.find((n) => n.name === 'web')!;
    const quiet = { ...web, id: 'emojivoto/Deployment/quiet', name: 'quiet' };
    const req = { ...request({ ...s, nodes: [...s.nodes, quiet] }), idleTitles: { emojivoto: 150, legacy: 60, linkerd: 60 } };
    const l = layoutGraph(req);
    const frames = l.frames.filter((f) => f.band === 'emojivoto');
    assert.equal(frames.length, 2, 'a lane and a frame of idle workloads');
    const idle = frames.find((f) => f.idle);
    assert.ok(idle, 'the second frame is marked idle');
    assert.ok(idle.width >= 150 + 8, `room for the title (${idle.width} px)`);
    assert.ok(idle.y > frames.find((f) => !f.idle)!.y, 'under the lane');
    assert.ok(l.frames.filter((f) => f.band !== 'emojivoto').every((f) => !f.idle), 'a namespace with only idle workloads is titled by its name alone');
    assert.deepEqual(overlappingPairs(l.frames.map((fr, i) => ({ id: `${fr.band}#${i}`, box: { x1: fr.x, y1: fr.y, x2: fr.x + fr.width, y2: fr.y + fr.height } }))), []);
  });

  it('routes long edges and edges between lanes around the nodes in their way', () => {
    const s = emojivoto(1);
    const bot = s.nodes.find((n) => n.name === 'vote-bot')!;
    const ledger = s.nodes.find((n) => n.name === 'ledger')!;
    // vote-bot → ledger spans three columns, past web and voting.
    const long = { ...s, edges: [...s.edges, { ...s.edges[0], id: 'long', source: bot.id, target: ledger.id }] };
    const req = request(long);
    const l = layoutGraph(req);
    assert.ok(l.routes.long.length >= 4, 'the long edge bends');
    assertReadable(req, l);
  });

  it('keeps the same picture for the same graph, and the order of what was there when a workload is added', () => {
    const req = request(simEmojivoto(1));
    const first = layoutGraph(req);
    assert.deepEqual(layoutGraph({ ...req, previous: first.positions }), first);
    const s = simEmojivoto(2);
    const web = s.nodes.find((n) => n.name === 'web')!;
    const v2 = { ...web, id: 'emojivoto/Deployment/web-v2', name: 'web-v2' };
    const grown = { ...s, nodes: [...s.nodes, v2], edges: [...s.edges, { ...s.edges[0], id: 'v2', source: s.nodes[0].id, target: v2.id }] };
    const next = layoutGraph(request(grown, true, first.positions));
    const order = (l: Layout, ids: string[]) => [...ids].sort((a, b) => l.positions[a].y - l.positions[b].y);
    const callers = ['emojivoto/Deployment/vote-bot', 'emojivoto/Deployment/legacy-client', 'emojivoto/UnmeshedClients/unmeshed'];
    assert.deepEqual(order(next, callers), order(first, callers));
    assertReadable(request(grown), next);
  });

  it('breaks call cycles at their far end and draws the turned edge backwards, still around nodes', () => {
    const back = backLinks(3, [{ source: 0, target: 1 }, { source: 1, target: 2 }, { source: 2, target: 0 }]);
    assert.deepEqual(back, [false, false, true]);
    assert.deepEqual([...rankNodes(3, [{ source: 0, target: 1 }, { source: 1, target: 2 }, { source: 0, target: 2 }])], [0, 1, 2]);
    const s = emojivoto(1);
    const [web, voting] = ['web', 'voting'].map((n) => s.nodes.find((x) => x.name === n)!);
    const cyclic = { ...s, edges: [...s.edges, { ...s.edges[0], id: 'back', source: voting.id, target: web.id }] };
    const req = request(cyclic);
    const l = layoutGraph(req);
    assert.ok(l.positions[voting.id].x > l.positions[web.id].x, 'the cycle keeps web before voting');
    assertReadable(req, l);
  });

  it('orders each rank to remove crossings', () => {
    // a → d and b → c, given in the order that crosses.
    const item = (rank: number, seed: number): Item => ({ kind: 'node', rank, band: 0, width: 10, height: 10, up: [], down: [], seed });
    const items = [item(0, 0), item(0, 1), item(1, 0), item(1, 1)];
    items[0].down.push(3);
    items[3].up.push(0);
    items[1].down.push(2);
    items[2].up.push(1);
    const pos = new Float64Array([0, 1, 0, 1]);
    assert.equal(crossings(items, [[0, 1], [2, 3]], pos), 1);
    const layers = orderItems(items, 2);
    layers.forEach((l) => l.forEach((it, i) => (pos[it] = i)));
    assert.equal(crossings(items, layers, pos), 0);
  });

  it('spaces items as near their wanted places as the gaps allow', () => {
    const at = new Float64Array([0, 0, 0, 50]);
    spaced(at, new Float64Array([1, 1, 1, 1]), new Float64Array([0, 10, 10, 10]), 4);
    assert.deepEqual([...at], [-10, 0, 10, 50]);
  });

  it('keeps every edge clear of nodes and labels apart in a tangled mesh of 100 workloads and 300 edges', () => {
    const req = request(bigMesh(100, 300, 3));
    assertReadable(req, layoutGraph(req));
  });

  it('lays out a big mesh of 500 workloads and 2,000 edges with no node on another', () => {
    const req = request(bigMesh(500, 2000, 1), false);
    const l = layoutGraph(req);
    assert.equal(Object.keys(l.positions).length, 500);
    assert.deepEqual(overlappingPairs(boxes(req, l).nodes), []);
  });
});
