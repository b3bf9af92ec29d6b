import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CODES, RULES } from '../../../src/core/lint/registry';
import { categoryOfCode } from '../../../src/core/lint/rule';

const RULES_DIR = join(__dirname, '../../../src/core/lint/rules');

describe('lint rule registry', () => {
  it('registers every rule file under src/core/lint/rules, each exporting the rule its name says', () => {
    const files = readdirSync(RULES_DIR).filter((f) => /^MA\d{3}\.ts$/.test(f));
    assert.ok(files.length > 60);
    for (const file of files) {
      const code = file.slice(0, 5);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = (require(join(RULES_DIR, file)) as Record<string, { code?: string }>)[code];
      assert.equal(exported?.code, code, `${file} exports ${code}`);
      assert.ok(RULES.includes(exported as (typeof RULES)[number]), `${code} is in RULES`);
    }
    assert.equal(RULES.length, files.length);
  });

  it("puts every code in the category of its hundred, with a unique code and name", () => {
    assert.deepEqual(ALL_CODES.filter((r) => categoryOfCode(r.code) !== r.category).map((r) => `${r.code} ${r.category}`), []);
    assert.equal(new Set(ALL_CODES.map((r) => r.code)).size, ALL_CODES.length);
    assert.equal(new Set(ALL_CODES.map((r) => r.name)).size, ALL_CODES.length);
  });
});
