import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFiles } from '../../../src/core/lint/engine';
import { FIXTURES } from './fixtureSupport';

/** Complete, valid policy sets written the way teams deploy them: any finding here is a false positive. */
describe('valid policy corpus', () => {
  const root = join(FIXTURES, 'corpus');
  for (const set of readdirSync(root)) {
    it(`${set} lints clean, all its files together`, () => {
      const files = readdirSync(join(root, set)).map((f) => ({ uri: `${set}/${f}`, text: readFileSync(join(root, set, f), 'utf8') }));
      assert.ok(files.length > 0);
      const findings = lintFiles(files);
      assert.deepEqual(findings.map((f) => `${f.uri}:${f.range.start.line + 1} ${f.code} ${f.message}`), []);
    });
  }
});
