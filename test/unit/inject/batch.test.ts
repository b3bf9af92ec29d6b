import * as assert from 'node:assert/strict';
import { findInjectionTargets, planBatch, planRequest, targetLabel, type BatchOutcome, type MeshRequest } from '../../../src/core/inject';
import { applyEdits } from '../../../src/core/text/lineIndex';
import { parseManifest } from '../../../src/core/yaml/manifest';
import { lookupFrom } from './helpers';

/** One line per object, the way both faces render a decision. */
function line(o: BatchOutcome): string {
  const label = targetLabel(o.target);
  if (o.failure) return `${label} failed: ${o.failure.message}`;
  const d = o.decision;
  return d.kind === 'change' ? `${label} ${d.actions.map((a) => a.kind).join('+')}` : `${label} ${d.kind}: ${d.reason}${d.offer ? ` [${d.offer.title}]` : ''}`;
}

function run(text: string, request: MeshRequest, namespaces: Record<string, string> = {}): { text: string; report: string[] } {
  const parsed = parseManifest(text);
  const plan = planBatch(parsed, request, lookupFrom(namespaces));
  return { text: applyEdits(text, plan.edits), report: plan.outcomes.map(line) };
}

const doc = (name: string, own: string, template: string, podSpec = '', namespace = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace}${own}spec:\n  template:\n    metadata:\n${template}      labels: {app: ${name}}\n    spec:\n${podSpec}      containers: []\n`;
const ann = (indent: string, value: string) => `${indent}annotations:\n${indent}  linkerd.io/inject: ${value}\n`;
const ADD: MeshRequest = { kind: 'add', value: 'enabled' };

describe('the one Add to mesh decision (planBatch: a whole file, as Add All and meshaware inject)', () => {
  it('adds to unannotated objects, fixes invalid values, moves misplaced ones; respects opt-outs and the namespace', () => {
    const input = [
      doc('plain', '', ''),
      doc('invalid', '', ann('      ', 'Enabled')),
      doc('misplaced', ann('  ', 'enabled'), ''),
      doc('misplaced-optout', ann('  ', 'disabled'), ''),
      doc('optout', '', ann('      ', 'disabled')),
      doc('done', '', ann('      ', 'enabled')),
      doc('inherits', '', '', '', '  namespace: shop\n'),
    ].join('---\n');
    const out = run(input, ADD, { shop: 'enabled' });
    assert.deepEqual(out.report, [
      'deployment/plain add',
      'deployment/invalid set',
      'deployment/misplaced moveToTemplate',
      "deployment/misplaced-optout unchanged: opted out with linkerd.io/inject: disabled on the Deployment's own metadata, where Linkerd does not read it; move it to the pod template to make it count",
      'deployment/optout unchanged: opted out with linkerd.io/inject: disabled',
      'deployment/done unchanged: already enabled',
      'deployment/inherits unchanged: meshed through namespace shop (linkerd.io/inject: enabled)',
    ]);
    const expected = [
      doc('plain', '', ann('      ', 'enabled')),
      doc('invalid', '', ann('      ', 'enabled')),
      doc('misplaced', '', ann('      ', 'enabled')),
      doc('misplaced-optout', ann('  ', 'disabled'), ''),
      doc('optout', '', ann('      ', 'disabled')),
      doc('done', '', ann('      ', 'enabled')),
      doc('inherits', '', '', '', '  namespace: shop\n'),
    ].join('---\n');
    assert.equal(out.text, expected);
  });

  it('--ingress: sets ingress over enabled and annotates a pod whose namespace says enabled', () => {
    const out = run([doc('a', '', ann('      ', 'enabled')), doc('b', '', '', '', '  namespace: shop\n')].join('---\n'), { kind: 'add', value: 'ingress' }, { shop: 'enabled' });
    assert.deepEqual(out.report, ['deployment/a set', 'deployment/b add']);
  });

  it('one object named by the user: an opt-out is overridden, a misplaced opt-out replaced', () => {
    const parsed = parseManifest([doc('optout', '', ann('      ', 'disabled')), doc('misplaced', ann('  ', 'disabled'), '')].join('---\n'));
    const plan = planRequest(parsed, findInjectionTargets(parsed), ADD, 'object');
    assert.deepEqual(plan.outcomes.map(line), ['deployment/optout set', 'deployment/misplaced add+remove']);
  });

  it('refuses what linkerd inject refuses, with every reason, and offers to remove a Linkerd proxy written into the manifest', () => {
    const input = [
      doc('node', '', '', '      hostNetwork: true\n'),
      doc('istio', '', '', '      initContainers:\n      - name: istio-init\n'),
      doc('manual', '', '', '      initContainers:\n      - name: linkerd-init\n      - name: linkerd-proxy\n'),
      doc('both', '', '', '      hostNetwork: true\n      initContainers:\n      - name: linkerd-proxy\n'),
      doc('destination', '', '        labels: {linkerd.io/control-plane-component: destination}\n'.replace('        labels', '      labels'), '      initContainers:\n      - name: linkerd-proxy\n').replace('      labels: {app: destination}\n', ''),
    ].join('---\n');
    const out = run(input, ADD);
    assert.deepEqual(out.report, [
      "deployment/node refused: hostNetwork is enabled: the pod uses the node's network, where the proxy cannot intercept its traffic",
      "deployment/istio refused: it already runs another mesh's sidecar (container istio-init); a pod can be in only one mesh",
      'deployment/manual refused: it already has a Linkerd proxy written into the manifest (container linkerd-proxy, as `linkerd inject --manual` writes it); remove that first, then add the annotation [Remove Injected Proxy]',
      "deployment/both refused: hostNetwork is enabled: the pod uses the node's network, where the proxy cannot intercept its traffic; it already has a Linkerd proxy written into the manifest (container linkerd-proxy, as `linkerd inject --manual` writes it); remove that first, then add the annotation [Remove Injected Proxy]",
      "deployment/destination refused: it is Linkerd's own control-plane component 'destination' (label linkerd.io/control-plane-component), whose proxy Linkerd's install adds",
    ]);
    assert.equal(out.text, input);
  });

  it('warns about UDP ports and still adds (linkerd inject: "‼ deployment/web uses protocol: UDP", then injected)', () => {
    const input = doc('dns', '', '').replace('      containers: []\n', '      containers:\n      - name: dns\n        ports:\n        - {containerPort: 53, protocol: UDP}\n');
    const plan = planBatch(parseManifest(input), ADD);
    const [o] = plan.outcomes;
    assert.equal(o.decision.kind, 'change');
    assert.deepEqual(
      o.decision.warnings.map((w) => [w.message, w.offset]),
      [['declares 53/UDP: Linkerd injects the pod, but UDP bypasses the proxy, so that traffic gets no mTLS and no policy', input.indexOf('Deployment')]],
    );
    assert.equal(plan.edits.length, 1);
  });

  it('handles the items of a kind: List, each on its own', () => {
    const item = (name: string, template: string) =>
      `- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: ${name}\n  spec:\n    template:\n      metadata:\n${template}        labels: {app: ${name}}\n      spec:\n        containers: []\n`;
    const input = `apiVersion: v1\nkind: List\nitems:\n${item('a', '')}${item('b', '        annotations: {linkerd.io/inject: enabled}\n')}`;
    const out = run(input, ADD);
    assert.deepEqual(out.report, ['deployment/a add', 'deployment/b unchanged: already enabled']);
    assert.equal(out.text, input.replace('      metadata:\n        labels: {app: a}', '      metadata:\n        annotations:\n          linkerd.io/inject: enabled\n        labels: {app: a}'));
    assert.equal(run(out.text, { kind: 'remove' }).text, input.replace('annotations: {linkerd.io/inject: enabled}', 'annotations: {}'));
  });

  it('remove: takes the annotation (or a misplaced one) off, keeps opt-outs, offers an opt-out for namespace meshing, and uninjects a manual proxy', () => {
    const manual = doc('manual', '', '', '      initContainers:\n      - name: linkerd-init\n').replace('      containers: []\n', '      containers:\n      - name: app\n      - name: linkerd-proxy\n        image: cr.l5d.io/linkerd/proxy:edge-26.6.3\n');
    const input = [doc('a', '', ann('      ', 'ingress')), doc('b', ann('  ', 'enabled'), ''), doc('c', '', ''), doc('d', '', ann('      ', 'disabled')), doc('e', '', '', '', '  namespace: shop\n'), manual, doc('f', ann('  ', 'disabled'), '')].join('---\n');
    const out = run(input, { kind: 'remove' }, { shop: 'enabled' });
    assert.deepEqual(out.report, [
      'deployment/a remove',
      'deployment/b remove',
      'deployment/c unchanged: no linkerd.io/inject annotation',
      'deployment/d unchanged: already opted out (linkerd.io/inject: disabled)',
      'deployment/e unchanged: it has no linkerd.io/inject of its own: namespace shop meshes it; set linkerd.io/inject: disabled on it to opt out [Opt Out]',
      'deployment/manual uninject',
      "deployment/f unchanged: opted out (linkerd.io/inject: disabled, on the Deployment's own metadata)",
    ]);
    assert.equal(
      out.text,
      [doc('a', '', ''), doc('b', '', ''), doc('c', '', ''), doc('d', '', ann('      ', 'disabled')), doc('e', '', '', '', '  namespace: shop\n'), doc('manual', '', '').replace('      containers: []\n', '      containers:\n      - name: app\n'), doc('f', ann('  ', 'disabled'), '')].join('---\n'),
    );
  });

  it('reports an impossible edit as failed, with its offset, and still edits the other objects', () => {
    const shared = 'apiVersion: v1\nkind: Pod\nmetadata: &m\n  name: p\nspec:\n  containers: []\nx-copy: *m\n';
    const parsed = parseManifest(`${shared}---\n${doc('web', '', '')}`);
    const plan = planBatch(parsed, { kind: 'add', value: 'ingress' });
    assert.deepEqual(plan.outcomes.map((o) => !!o.failure), [true, false]);
    assert.match(plan.outcomes[0].failure?.message ?? '', /^pod\/p: metadata is anchored as &m/);
    assert.equal(plan.outcomes[0].failure?.offset, shared.indexOf('name: p'));
    assert.equal(plan.edits.length, 1);
  });
});
