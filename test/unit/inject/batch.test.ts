import * as assert from 'node:assert/strict';
import { planBatch, targetLabel, type BatchMode } from '../../../src/core/inject';
import { applyEdits } from '../../../src/core/text/lineIndex';
import { parseManifest } from '../../../src/core/yaml/manifest';

function run(text: string, mode: BatchMode): { text: string; report: string[] } {
  const parsed = parseManifest(text);
  const plan = planBatch(parsed, mode);
  return { text: applyEdits(text, plan.edits), report: plan.outcomes.map((o) => `${targetLabel(o.target)} ${o.result}${o.reason ? `: ${o.reason}` : ''}`) };
}

const doc = (name: string, own: string, template: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${own}spec:\n  template:\n    metadata:\n${template}      labels: {app: ${name}}\n    spec:\n      containers: []\n`;
const ann = (indent: string, value: string) => `${indent}annotations:\n${indent}  linkerd.io/inject: ${value}\n`;

describe('planBatch (what meshaware inject does to a whole file)', () => {
  it('adds to every unannotated target, fixes invalid values, moves misplaced ones, and skips the rest', () => {
    const input = [
      doc('plain', '', ''),
      doc('invalid', '', ann('      ', 'Enabled')),
      doc('misplaced', ann('  ', 'enabled'), ''),
      doc('optout', '', ann('      ', 'disabled')),
      doc('done', '', ann('      ', 'enabled')),
    ].join('---\n');
    const out = run(input, { kind: 'add', value: 'enabled' });
    assert.deepEqual(out.report, ['deployment/plain injected', 'deployment/invalid injected', 'deployment/misplaced injected', 'deployment/optout skipped: linkerd.io/inject is disabled', 'deployment/done unchanged: already enabled']);
    const expected = [
      doc('plain', '', ann('      ', 'enabled')),
      doc('invalid', '', ann('      ', 'enabled')),
      doc('misplaced', '', ann('      ', 'enabled')),
      doc('optout', '', ann('      ', 'disabled')),
      doc('done', '', ann('      ', 'enabled')),
    ].join('---\n');
    assert.equal(out.text, expected);
  });

  it('remove takes the pod template annotation, or a misplaced one, and leaves unannotated objects alone', () => {
    const input = [doc('a', '', ann('      ', 'ingress')), doc('b', ann('  ', 'enabled'), ''), doc('c', '', '')].join('---\n');
    const out = run(input, { kind: 'remove' });
    assert.deepEqual(out.report, ['deployment/a uninjected', 'deployment/b uninjected', 'deployment/c unchanged: no linkerd.io/inject annotation']);
    assert.equal(out.text, [doc('a', '', ''), doc('b', '', ''), doc('c', '', '')].join('---\n'));
  });

  it('reports an impossible edit as failed, with its offset, and still edits the other objects', () => {
    const shared = 'apiVersion: v1\nkind: Pod\nmetadata: &m\n  name: p\nspec:\n  containers: []\nx-copy: *m\n';
    const parsed = parseManifest(`${shared}---\n${doc('web', '', '')}`);
    const plan = planBatch(parsed, { kind: 'add', value: 'ingress' });
    assert.deepEqual(plan.outcomes.map((o) => o.result), ['failed', 'injected']);
    assert.match(plan.outcomes[0].reason ?? '', /^pod\/p: metadata is anchored as &m/);
    assert.equal(plan.outcomes[0].offset, shared.indexOf('name: p'));
    assert.equal(plan.edits.length, 1);
  });
});
