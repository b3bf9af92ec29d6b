import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALL_CODES, RULES } from '../../../src/core/lint/registry';
import { CATEGORIES, categoryOfCode, type Rule } from '../../../src/core/lint/rule';
import { FIXTURES, fixtureCodes } from './fixtureSupport';
import { RULES_DIR, ruleFile } from './ruleFiles';

const DOCS = join(__dirname, '../../../docs/rules');

/** Every file under rules/, as a path relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => relative(RULES_DIR, join(d.parentPath, d.name)))
    .sort();
}

const codesOf = (list: readonly { code: string }[]) => list.map((r) => r.code).sort();
const duplicates = (codes: readonly string[]) => codes.filter((c, i) => codes.indexOf(c) !== i);

describe('lint rule registry', () => {
  it('holds each rule file under rules/<category>/<CODE>-<name>.ts once, and nothing else lives in rules/', () => {
    const files = filesUnder(RULES_DIR);
    assert.deepEqual(files, RULES.map((r) => relative(RULES_DIR, ruleFile(r))).sort(), 'rule files and RULES differ (a helper in rules/, a file not registered, or a name that is not the rule’s)');
    assert.deepEqual(duplicates(codesOf(RULES)), []);
  });

  it('each rule file exports exactly the rule registered for its code', () => {
    for (const rule of RULES) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(ruleFile(rule)) as Record<string, unknown>) as Rule[];
      assert.deepEqual(exported, [rule], `${relative(RULES_DIR, ruleFile(rule))} exports ${rule.code} and nothing else`);
    }
  });

  it('puts every code in the category of its hundred, with a unique code and name', () => {
    assert.deepEqual(ALL_CODES.filter((r) => categoryOfCode(r.code) !== r.category).map((r) => `${r.code} ${r.category}`), []);
    assert.deepEqual(duplicates(codesOf(ALL_CODES)), []);
    assert.deepEqual(duplicates(ALL_CODES.map((r) => r.name).sort()), []);
    for (const folder of readdirSync(RULES_DIR)) assert.ok((CATEGORIES as readonly string[]).includes(folder), `rules/${folder} is not a category`);
  });

  it('has a docs/rules page for every code it can report, and no page for a code it cannot', () => {
    const pages = readdirSync(DOCS).filter((f) => /^MA\d{3}\.md$/.test(f)).map((f) => f.slice(0, 5)).sort();
    assert.deepEqual(pages, codesOf(ALL_CODES));
  });

  it('has bad.yaml and good.yaml fixtures for every rule, and no fixture folder for a code it cannot report', () => {
    for (const rule of RULES) {
      for (const which of ['bad', 'good']) assert.ok(existsSync(join(FIXTURES, rule.code, `${which}.yaml`)), `test/fixtures/lint/${rule.code}/${which}.yaml`);
    }
    const known = new Set(codesOf(ALL_CODES));
    assert.deepEqual(fixtureCodes().filter((c) => !known.has(c)), []);
  });
});
