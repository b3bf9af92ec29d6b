import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findInjectionTargets, InjectionEditError, planInjectionEdit, type InjectionAction, type MeshState } from '../../../src/core/inject';
import { applyEdits } from '../../../src/core/text/lineIndex';
import { parseManifest } from '../../../src/core/yaml/manifest';
import { expectedObjects, lookupFrom, objectsOf } from './helpers';

/**
 * Each directory of test/fixtures/inject is one case: input.yaml, case.json (the action, the target's index
 * among the file's targets, its expected state, the namespaces known to be annotated, or the error expected),
 * expected.yaml (byte for byte), and removed.yaml where removing the annotation again is not the identity.
 */
interface FixtureCase {
  readonly note?: string;
  readonly action: InjectionAction;
  readonly target?: number;
  readonly state?: MeshState;
  readonly namespaces?: Record<string, string>;
  readonly error?: string;
}

const ROOT = join(__dirname, '../../fixtures/inject');
const read = (dir: string, file: string): string => readFileSync(join(ROOT, dir, file), 'utf8');

describe('inject fixtures', () => {
  const dirs = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  it('has at least 40 cases', () => {
    assert.ok(dirs.length >= 40, `${dirs.length} cases`);
  });

  for (const dir of dirs) {
    const c = JSON.parse(read(dir, 'case.json')) as FixtureCase;
    const input = read(dir, 'input.yaml');
    const lookup = lookupFrom(c.namespaces ?? {});
    const targetOf = (text: string) => {
      const parsed = parseManifest(text);
      const target = findInjectionTargets(parsed, lookup)[c.target ?? 0];
      assert.ok(target, `no target #${c.target ?? 0}`);
      return { parsed, target };
    };

    describe(dir + (c.note ? ` (${c.note})` : ''), () => {
      if (c.state) {
        it(`finds the target ${c.state.kind}`, () => {
          assert.deepEqual(targetOf(input).target.state, c.state);
        });
      }

      if (c.error) {
        it(`refuses: ${c.error}`, () => {
          const { parsed, target } = targetOf(input);
          assert.throws(
            () => planInjectionEdit(parsed, target, c.action),
            (e: unknown) => e instanceof InjectionEditError && e.message.includes(c.error as string) && e.message.startsWith(`${target.kind.toLowerCase()}/`),
          );
        });
        return;
      }

      const expected = read(dir, 'expected.yaml');
      it(`${c.action.kind} gives expected.yaml byte for byte`, () => {
        const { parsed, target } = targetOf(input);
        assert.equal(applyEdits(input, planInjectionEdit(parsed, target, c.action)), expected);
      });

      it('changes nothing but the annotation', () => {
        const { target } = targetOf(input);
        assert.deepEqual(objectsOf(expected), expectedObjects(input, target, c.action));
      });

      const action = c.action;
      if (action.kind !== 'moveToTemplate') {
        it('leaves the target in the state the action asked for', () => {
          const after = targetOf(expected).target.state;
          if (action.kind === 'remove' || action.kind === 'uninject') assert.notEqual(after.kind, c.state?.kind);
          else if (after.kind !== 'blocked') assert.equal(after.kind === 'meshed' ? after.value : after.kind, action.value);
        });
      }

      const { target } = targetOf(input);
      // Where the pod template had no annotation, setting one and removing it again is a round trip.
      if (c.action.kind === 'add' || (c.action.kind === 'set' && target.annotation === undefined)) {
        const removedFile = existsSync(join(ROOT, dir, 'removed.yaml'));
        it(removedFile ? 'remove gives removed.yaml (the same objects)' : 'remove restores the input byte for byte', () => {
          const again = targetOf(expected);
          const back = applyEdits(expected, planInjectionEdit(again.parsed, again.target, { kind: 'remove' }));
          assert.equal(back, removedFile ? read(dir, 'removed.yaml') : input);
          assert.deepEqual(objectsOf(back), objectsOf(input));
        });
      }
    });
  }
});
