import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { isMap, isScalar } from 'yaml';
import { findInjectionTargets, InjectionEditError, planInjectionEdit, type InjectionAction, type InjectionTarget } from '../../../src/core/inject';
import { applyEdits } from '../../../src/core/text/lineIndex';
import { lineEndOf } from '../../../src/core/yaml/layout';
import { nodeAt, pairOf, mapAt, parseManifest } from '../../../src/core/yaml/manifest';
import { expectedObjects, objectsOf } from './helpers';
import { manifestArbitrary } from './manifestArbitrary';

const TARGET_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Rollout', 'Pod', 'Namespace']);

/**
 * The two shapes where Remove does not give Add's input back byte for byte (the objects are still equal):
 * `annotations:` with nothing after it, which Add fills and Remove drops rather than leave empty; and an empty
 * flow `annotations: {}` inside flow metadata, which looks exactly like one Add created there.
 */
function removalDropsEmptyAnnotations(text: string, target: InjectionTarget): boolean {
  const { doc } = target.document;
  const metadata = mapAt(doc, nodeAt(doc, doc.contents, target.podMetadataHost), ['metadata']);
  const pair = metadata && pairOf(metadata, 'annotations');
  if (!pair) return false;
  if (isMap(pair.value)) return pair.value.items.length === 0 && !!metadata.flow;
  if (!isScalar(pair.value) || pair.value.value !== null) return false;
  const keyStart = pair.key.range?.[0] ?? 0;
  return !text.slice(keyStart, lineEndOf(text, keyStart)).includes('#');
}

describe('inject properties (generated manifests)', () => {
  it('every workload, Pod and Namespace is a target; nothing else is', () => {
    fc.assert(
      fc.property(manifestArbitrary, ({ text }) => {
        const parsed = parseManifest(text);
        assert.deepEqual(parsed.documents.flatMap((d) => d.errors), []);
        const expected = parsed.documents.filter((d) => TARGET_KINDS.has(d.kind ?? '')).map((d) => d.index);
        assert.deepEqual(findInjectionTargets(parsed).map((t) => t.document.index), expected);
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
          assert.deepEqual(after.state, target.state.kind === 'hostNetwork' ? target.state : { kind: 'meshed', value });

          const back = applyEdits(added, planInjectionEdit(reparsed, after, { kind: 'remove' }));
          assert.deepEqual(objectsOf(back), objectsOf(text));
          if (!removalDropsEmptyAnnotations(text, target)) assert.equal(back, text);
        });
      }),
      { numRuns: 120 },
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
            const again = findInjectionTargets(after).find((t) => t.document.index === target.document.index);
            assert.ok(again, 'the object is still a target');
            if (action.kind === 'add' && again.state.kind !== 'hostNetwork') assert.deepEqual(again.state, { kind: 'meshed', value: 'enabled' });
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
