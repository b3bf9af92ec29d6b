import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { findInjectionTargets, InjectionEditError, planInjectionEdit, type InjectionAction, type InjectionTarget } from '../../../src/core/inject';
import { applyEdits } from '../../../src/core/text/lineIndex';
import { lineEndOf } from '../../../src/core/yaml/layout';
import { nodeAt, pairOf, parseManifest } from '../../../src/core/yaml/manifest';
import { expectedObjects, objectsOf } from './helpers';
import { manifestArbitrary } from './manifestArbitrary';

const TARGET_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Rollout', 'Pod', 'Namespace']);

/**
 * Whether Remove after Add gives the text back byte for byte. It cannot for the null forms (`annotations:` with
 * no value, `annotations: ~`, `metadata: null`): Add writes the same text for them as for an absent key, so
 * Remove can restore only one, the absent key. A comment on the key's line keeps it (and the round trip exact).
 * An empty `annotations: {}` inside flow metadata looks exactly like one Add created there. The objects are
 * equal in every case.
 */
function removeRestoresText(text: string, target: InjectionTarget): boolean {
  const { doc } = target.document;
  const host = nodeAt(doc, doc.contents, [...target.objectPath, ...target.podMetadataHost]);
  if (!isMap(host)) return true;
  const metadata = pairOf(host, 'metadata');
  if (metadata && isNullForm(text, metadata)) return false;
  if (!metadata || !isMap(metadata.value)) return true;
  const annotations = pairOf(metadata.value, 'annotations');
  if (!annotations) return true;
  if (isMap(annotations.value)) return !(annotations.value.items.length === 0 && metadata.value.flow);
  return !isNullForm(text, annotations);
}

/** A null value with no comment on its key's line. */
function isNullForm(text: string, pair: Pair): boolean {
  const value = pair.value as Node | null;
  if (!(value === null || (isScalar(value) && value.value === null))) return false;
  const keyStart = (pair.key as Node).range?.[0] ?? 0;
  return !text.slice(keyStart, lineEndOf(text, keyStart)).includes('#');
}

describe('inject properties (generated manifests)', () => {
  it('every workload, Pod and Namespace is a target, also as an item of a List; nothing else is', () => {
    fc.assert(
      fc.property(manifestArbitrary, ({ text }) => {
        const parsed = parseManifest(text);
        assert.deepEqual(parsed.documents.flatMap((d) => d.errors), []);
        const expected = parsed.documents.flatMap((d) => {
          if (d.kind !== 'List') return TARGET_KINDS.has(d.kind ?? '') ? [[d.index, undefined]] : [];
          const items = (d.doc.toJS() as { items: { kind: string }[] }).items;
          return items.flatMap((item, i) => (TARGET_KINDS.has(item.kind) ? [[d.index, i]] : []));
        });
        assert.deepEqual(findInjectionTargets(parsed).map((t) => [t.document.index, t.item]), expected);
      }),
      { numRuns: 100 },
    );
  });

  it('add changes nothing but the annotation, and remove after add gives the text back', () => {
    fc.assert(
      fc.property(manifestArbitrary, fc.constantFrom('enabled' as const, 'ingress' as const), ({ text }, value) => {
        const parsed = parseManifest(text);
        findInjectionTargets(parsed).forEach((target, i) => {
          const action = { kind: 'add', value } as const;
          const added = applyEdits(text, planInjectionEdit(parsed, target, action));
          const reparsed = parseManifest(added);
          assert.deepEqual(reparsed.documents.flatMap((d) => d.errors), []);
          assert.deepEqual(objectsOf(added), expectedObjects(text, target, action));
          const after = findInjectionTargets(reparsed)[i];
          assert.deepEqual(after.state, target.state.kind === 'blocked' ? target.state : { kind: 'meshed', value });

          const back = applyEdits(added, planInjectionEdit(reparsed, after, { kind: 'remove' }));
          assert.deepEqual(objectsOf(back), objectsOf(text));
          if (removeRestoresText(text, target)) assert.equal(back, text);
        });
      }),
      { numRuns: 120 },
    );
  });

  it('uninject takes out exactly what linkerd uninject would, and leaves a document that parses', () => {
    fc.assert(
      fc.property(manifestArbitrary, ({ text }) => {
        const parsed = parseManifest(text);
        findInjectionTargets(parsed).forEach((target, i) => {
          if (target.state.kind !== 'blocked' || !target.state.blockers.some((b) => b.kind === 'manualProxy')) return;
          const action = { kind: 'uninject' } as const;
          const after = applyEdits(text, planInjectionEdit(parsed, target, action));
          const reparsed = parseManifest(after);
          assert.deepEqual(reparsed.documents.flatMap((d) => d.errors), []);
          assert.deepEqual(objectsOf(after), expectedObjects(text, target, action));
          const again = findInjectionTargets(reparsed)[i].state;
          assert.ok(again.kind !== 'blocked' || !again.blockers.some((b) => b.kind === 'manualProxy'));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('set then set again only swaps the value', () => {
    fc.assert(
      fc.property(manifestArbitrary, ({ text }) => {
        const parsed = parseManifest(text);
        findInjectionTargets(parsed).forEach((target, i) => {
          const disabled = applyEdits(text, planInjectionEdit(parsed, target, { kind: 'set', value: 'disabled' }));
          const reparsed = parseManifest(disabled);
          const enabled = applyEdits(disabled, planInjectionEdit(reparsed, findInjectionTargets(reparsed)[i], { kind: 'set', value: 'enabled' }));
          assert.equal(enabled, applyEdits(text, planInjectionEdit(parsed, target, { kind: 'add', value: 'enabled' })));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('on damaged manifests, every action either refuses with InjectionEditError or keeps the document valid (and Add meshes it)', () => {
    const actions: InjectionAction[] = [{ kind: 'add', value: 'enabled' }, { kind: 'remove' }, { kind: 'set', value: 'disabled' }, { kind: 'moveToTemplate' }];
    const damage = fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom('', ' ', '\n', '{', '}', '#', ':', '&a ', '*a', '- ', '~', '"', 'linkerd.io/inject: x\n', 'annotations:', '<<: ')), { maxLength: 6 });
    const damaged = fc.tuple(manifestArbitrary, damage).map(([{ text }, cuts]) =>
      cuts.reduce((t, [at, remove, insert]) => {
        const p = at % (t.length + 1);
        return t.slice(0, p) + insert + t.slice(p + remove);
      }, text),
    );
    fc.assert(
      fc.property(damaged, (text) => {
        const parsed = parseManifest(text);
        for (const target of findInjectionTargets(parsed)) {
          for (const action of actions) {
            let edits;
            try {
              edits = planInjectionEdit(parsed, target, action);
            } catch (e) {
              if (e instanceof InjectionEditError) continue;
              throw e;
            }
            const after = parseManifest(applyEdits(text, edits));
            assert.deepEqual(after.documents[target.document.index]?.errors, []);
            const again = findInjectionTargets(after).find((t) => t.document.index === target.document.index && t.item === target.item);
            assert.ok(again, 'the object is still a target');
            if (action.kind === 'add' && again.state.kind !== 'blocked') assert.deepEqual(again.state, { kind: 'meshed', value: 'enabled' });
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
