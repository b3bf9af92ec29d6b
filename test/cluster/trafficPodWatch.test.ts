// The Live Traffic view's pod watch against the simulated API server: one list, then only changes; a watch the
// server drops is picked up where it stopped; closed, it leaves no stream open; and the panel's source closes
// it when the view is hidden.
import { strict as assert } from 'node:assert';
import { PodWatch } from '../../src/core/traffic/podWatch';
import { listPods } from '../../src/core/traffic/pods';
import { DEFAULT_CONTROL_PLANE_NAMESPACE as LINKERD_NS } from '../../src/core/linkerd';
import { readerFor } from '../../src/core/traffic/reader';
import { ClusterTrafficSource } from '../../src/editor/traffic/source';
import { simulatedCluster } from './simContext';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const opts = { timeoutMs: 8000 };

describe('pod watch on the simulated cluster', function () {
  this.timeout(60_000);
  let env: Awaited<ReturnType<typeof simulatedCluster>>;
  before(async () => (env = await simulatedCluster({ scenario: 'emojivoto', linkerd: 'installed' })));
  after(async () => env?.sim.close());

  const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'emojivoto', labels: { app: name } }, spec: { containers: [{ name, image: `example/${name}:1` }] } });
  const names = (pods: { namespace: string; name: string }[]) => pods.map((p) => `${p.namespace}/${p.name}`).sort();
  const lists = () => env.log.lines.filter((l) => /^GET \/api\/v1\/pods \d/.test(l)).length;
  /** Reads until `ok` holds: watch events arrive a moment after the change. */
  async function until(watch: PodWatch, ok: (pods: string[]) => boolean): Promise<string[]> {
    for (let i = 0; i < 100; i++) {
      const now = names(await watch.list(opts));
      if (ok(now)) return now;
      await sleep(50);
    }
    throw new Error('the watch never showed the change');
  }

  it('lists once, then follows pods added and deleted without listing again, as a list would show them', async () => {
    const watch = new PodWatch(env.client, LINKERD_NS);
    try {
      assert.deepEqual(names(await watch.list(opts)), names(await listPods(env.client, LINKERD_NS, undefined, opts)));
      const listed = lists();
      await env.client.apply(pod('watched'));
      await until(watch, (p) => p.includes('emojivoto/watched'));
      await env.client.delete('v1', 'Pod', 'watched', 'emojivoto');
      await until(watch, (p) => !p.includes('emojivoto/watched'));
      assert.equal(lists(), listed, 'no list after the first');
      assert.deepEqual(names(await watch.list(opts)), names(await listPods(env.client, LINKERD_NS, undefined, opts)));
    } finally {
      watch.close();
    }
  });

  it('picks a dropped watch up where it stopped, changes made meanwhile included', async () => {
    const watch = new PodWatch(env.client, LINKERD_NS);
    try {
      await watch.list(opts);
      env.sim.faults.dropWatches();
      await env.client.apply(pod('meanwhile'));
      await until(watch, (p) => p.includes('emojivoto/meanwhile'));
      await env.client.delete('v1', 'Pod', 'meanwhile', 'emojivoto');
      await until(watch, (p) => !p.includes('emojivoto/meanwhile'));
    } finally {
      watch.close();
    }
  });

  it('leaves no stream open once closed, and the panel\'s source closes it when the view is hidden', async () => {
    const before = env.sim.faults.openWatchCount;
    const watch = new PodWatch(env.client, LINKERD_NS);
    await watch.list(opts);
    for (let i = 0; i < 50 && env.sim.faults.openWatchCount === before; i++) await sleep(20);
    assert.equal(env.sim.faults.openWatchCount, before + 1);
    watch.close();
    for (let i = 0; i < 50 && env.sim.faults.openWatchCount > before; i++) await sleep(20);
    assert.equal(env.sim.faults.openWatchCount, before);
    await assert.rejects(watch.list(opts), /closed/);

    const source = new ClusterTrafficSource(() => env.session.client(), readerFor(() => 'proxies'));
    await source.read(new AbortController().signal);
    for (let i = 0; i < 50 && env.sim.faults.openWatchCount === before; i++) await sleep(20);
    assert.equal(env.sim.faults.openWatchCount, before + 1, 'a visible view keeps one watch open');
    source.close();
    for (let i = 0; i < 50 && env.sim.faults.openWatchCount > before; i++) await sleep(20);
    assert.equal(env.sim.faults.openWatchCount, before, 'hidden, it keeps none');
  });
});
