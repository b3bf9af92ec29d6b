import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/text/lineIndex';
import { RULES } from '../../../src/core/lint/registry';
import { expectations, fixtureCodes, lintText, located, readFixture } from './fixtureSupport';

describe('lint rule fixtures', () => {
  it('every registered rule has a fixture folder', () => {
    const have = new Set(fixtureCodes());
    assert.deepEqual(RULES.map((r) => r.code).filter((c) => !have.has(c)), []);
  });

  for (const code of fixtureCodes()) {
    describe(code, () => {
      it('reports exactly the findings marked in bad.yaml', () => {
        const text = readFixture(code, 'bad');
        const expected = expectations(text);
        assert.ok(expected.some((e) => e.endsWith(code)), `bad.yaml must expect at least one ${code}`);
        assert.deepEqual(located(lintText(text)), expected);
      });

      it('reports nothing on good.yaml', () => {
        assert.deepEqual(located(lintText(readFixture(code, 'good'))), []);
      });

      it('each quick fix removes the finding it belongs to', () => {
        const text = readFixture(code, 'bad');
        for (const f of lintText(text).filter((x) => x.code === code && x.fix)) {
          const fixed = applyEdits(text, f.fix!.edits);
          const after = lintText(fixed).filter((x) => x.code === code);
          assert.ok(after.length < lintText(text).filter((x) => x.code === code).length, `fix '${f.fix!.title}' left ${code} in place:\n${fixed}`);
        }
      });
    });
  }
});
