// Apply's server-side diff against the simulated emojivoto, which runs the sample workspace's own manifests:
// the untouched files change nothing, an added annotation is one field, and a changed selector is refused with
// what it means and the choices that are left.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_WORKSPACE } from '../../sim/scenarios/emojivoto';
import type { Simulator } from '../../sim/simulator';
import { objectsOf } from '../../src/core/cluster/applyDocuments';
import { applyDialog, diffDocuments, previewApply } from '../../src/core/cluster/applyPreview';
import type { ClusterClient } from '../../src/core/cluster/client';
import { parseManifest } from '../../src/core/yaml/manifest';
import { simulatedCluster } from './simContext';

const sample = (file: string) => readFileSync(join(SAMPLE_WORKSPACE, file), 'utf8');
const objects = (text: string) => objectsOf(parseManifest(text));

describe('apply preview (server-side diff) against the simulated emojivoto', () => {
  let sim: Simulator;
  let client: ClusterClient;
  before(async () => {
    ({ sim, client } = await simulatedCluster());
  });
  after(() => sim.close());

  it('finds every object of the untouched sample workspace unchanged, so Apply succeeds and changes nothing', async () => {
    for (const file of ['namespace.yaml', 'emojivoto.yaml', 'vote-bot.yaml', 'legacy-client.yaml']) {
      const previews = await previewApply(client, objects(sample(file)));
      assert.deepEqual(
        previews.filter((p) => p.status !== 'same').map((p) => [p.kind, p.name, p.status, p.error ?? p.changes.map((c) => c.path).join()]),
        [],
        file,
      );
      const dialog = applyDialog(previews, sim.contextName, false);
      assert.equal(dialog.severity, 'info');
      assert.deepEqual(dialog.choices.map((c) => c.title), ['Apply']);
      assert.match(dialog.message, /^Nothing would change on "meshaware-sim": the \d+ objects? match the cluster\.$/);
    }
  });

  it('shows an added inject annotation as the one field that changes, with Save and Apply for unsaved edits', async () => {
    const edited = sample('vote-bot.yaml').replace('      labels:\n        app: vote-bot', '      annotations:\n        linkerd.io/inject: enabled\n      labels:\n        app: vote-bot');
    const previews = await previewApply(client, objects(edited));
    const deployment = previews.find((p) => p.kind === 'Deployment')!;
    assert.equal(deployment.status, 'change');
    assert.deepEqual(deployment.changes.map((c) => [c.path, c.before, c.after]), [['spec.template.metadata.annotations["linkerd.io/inject"]', undefined, 'enabled']]);
    const dialog = applyDialog(previews, sim.contextName, true);
    assert.equal(dialog.message, 'Apply 2 objects to "meshaware-sim"?');
    assert.deepEqual(dialog.choices.map((c) => c.title), ['Save and Apply', 'Show Diff']);
    assert.match(dialog.detail, /1 to change, 1 unchanged\./);
    assert.match(dialog.detail, /~ deployment\/vote-bot \(emojivoto\): spec\.template\.metadata\.annotations\["linkerd\.io\/inject"\]/);
    const { live, merged } = diffDocuments(previews);
    assert.ok(!live.includes('linkerd.io/inject') && merged.includes('linkerd.io/inject: enabled'), merged);
    assert.ok(!merged.includes('managedFields'), 'managedFields are left out, as kubectl diff does');
    assert.deepEqual(live.match(/^# \S+/gm), merged.match(/^# \S+/gm), 'both sides list the same objects in the same order');
    // Nothing was written by the preview.
    const running = await client.get<{ spec: { template: { metadata: { annotations?: Record<string, string> } } } }>('apps/v1', 'Deployment', 'vote-bot', 'emojivoto');
    assert.equal(running.spec.template.metadata.annotations?.['linkerd.io/inject'], undefined);
  });

  it('refuses a changed selector, explains that it is immutable and offers to apply the objects that pass', async () => {
    const moved = sample('emojivoto.yaml').replaceAll('app: emoji-svc', 'app: emoji');
    const previews = await previewApply(client, objects(moved));
    const rejected = new Map(previews.filter((p) => p.status === 'reject').map((p) => [`${p.kind}/${p.name}`, p]));
    assert.deepEqual([...rejected.keys()], ['Service/emoji-svc', 'Deployment/emoji']);
    assert.match(rejected.get('Deployment/emoji')?.explanation ?? '', /selector cannot change once it exists\. The cluster's Deployment selects app=emoji-svc,version=v11; this file selects app=emoji,version=v11\./);
    // The Service's selector is mutable, but the simulator's start-up manager owns it with another value.
    assert.match(rejected.get('Service/emoji-svc')?.explanation ?? '', /^Another field manager set these fields to other values/);
    const dialog = applyDialog(previews, sim.contextName, false);
    assert.equal(dialog.severity, 'error');
    assert.equal(dialog.message, 'The API server would reject 2 of 9 objects on "meshaware-sim".');
    assert.deepEqual(dialog.choices.map((c) => c.title), ['Apply the 7 That Pass', 'Show Diff'], 'no force: forcing cannot change an immutable selector');
    assert.equal(dialog.passing.length, 7);
    assert.match(dialog.detail, /✗ deployment\/emoji \(emojivoto\): .*conflicts? with "kubectl-create"/);
  });

  it("says that Linkerd's policy kinds need Linkerd's CRDs, before Linkerd is installed", async () => {
    const previews = await previewApply(client, objects(sample('policy.yaml')));
    assert.ok(previews.every((p) => p.status === 'reject'));
    assert.match(previews[0].explanation ?? '', /install Linkerd first/);
    assert.deepEqual(applyDialog(previews, sim.contextName, false).choices, []);
  });
});
