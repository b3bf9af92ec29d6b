import * as assert from 'node:assert/strict';
import { applyDialog, applyFollowUps, diffDocuments, fieldChanges, type ObjectPreview } from '../../../src/core/cluster/applyPreview';

const preview = (p: Partial<ObjectPreview> & Pick<ObjectPreview, 'kind' | 'name' | 'status'>): ObjectPreview => ({ object: { kind: p.kind, metadata: { name: p.name } }, namespace: 'shop', changes: [], ...p });

describe('apply preview', () => {
  it('lists the fields that change, leaves out what the server keeps for itself, and names keys with dots as keys', () => {
    const live = { metadata: { name: 'web', resourceVersion: '1', generation: 1, managedFields: [{ manager: 'a' }], labels: { app: 'web' } }, spec: { replicas: 1, template: { metadata: {} } }, status: { replicas: 1 } };
    const merged = { metadata: { name: 'web', resourceVersion: '2', generation: 2, managedFields: [{ manager: 'b' }], labels: { app: 'web' } }, spec: { replicas: 2, template: { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } } }, status: { replicas: 2 } };
    assert.deepEqual(fieldChanges(live, merged), [
      { path: 'spec.replicas', before: 1, after: 2 },
      { path: 'spec.template.metadata.annotations["linkerd.io/inject"]', before: undefined, after: 'enabled' },
    ]);
    assert.deepEqual(fieldChanges(live, { ...live, metadata: { ...live.metadata, resourceVersion: '9' } }), []);
  });

  it('masks Secret data in the diff, keeping a changed value visible as changed, and drops managedFields', () => {
    const secret = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', managedFields: [{}] }, data });
    const { live, merged } = diffDocuments([preview({ kind: 'Secret', name: 's', status: 'change', live: secret({ a: 'eA==', b: 'eQ==' }), merged: secret({ a: 'eA==', b: 'eg==' }) })]);
    assert.ok(!/eA==|eQ==|eg==|managedFields/.test(live + merged), live + merged);
    assert.match(live, /a: "\*\*\*"\n\s*b: "\*\*\* \(before\)"/);
    assert.match(merged, /b: "\*\*\* \(after\)"/);
  });

  it('offers only the choices that exist: no Show Diff when nothing passes, Force only for ownership conflicts', () => {
    const conflict = preview({ kind: 'Deployment', name: 'web', status: 'reject', explanation: 'Another field manager set these fields to other values.' });
    const ok = preview({ kind: 'Service', name: 'web', status: 'create' });
    assert.deepEqual(applyDialog([conflict, ok], 'kind-dev', false).choices.map((c) => c.kind), ['applyPassing', 'forceApply', 'showDiff']);
    assert.deepEqual(applyDialog([conflict], 'kind-dev', false).choices.map((c) => c.kind), ['forceApply']);
    assert.deepEqual(applyDialog([ok], 'kind-dev', true).choices.map((c) => c.kind), ['saveAndApply', 'showDiff']);
    assert.equal(applyDialog([ok], 'kind-dev', false).message, 'Apply 1 object to "kind-dev"?');
  });

  it('follows the rollouts an apply starts and the namespaces whose injection changed', () => {
    const changed = (kind: string, name: string, path: string) => preview({ kind, name, status: 'change', changes: [{ path, after: 'enabled' }] });
    assert.deepEqual(
      applyFollowUps([
        changed('Deployment', 'web', 'spec.template.metadata.annotations["linkerd.io/inject"]'),
        changed('Deployment', 'api', 'spec.replicas'),
        preview({ kind: 'StatefulSet', name: 'db', status: 'create' }),
        changed('Namespace', 'shop', 'metadata.annotations["linkerd.io/inject"]'),
        changed('Namespace', 'other', 'metadata.labels.team'),
      ]),
      { rollouts: [{ kind: 'Deployment', name: 'web', namespace: 'shop' }, { kind: 'StatefulSet', name: 'db', namespace: 'shop' }], namespaces: ['shop'] },
    );
  });
});
