import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CODES } from '../../../src/core/lint/registry';

const DOCS = join(__dirname, '../../../docs/rules');

describe('rule documentation', () => {
  for (const rule of ALL_CODES) {
    it(`${rule.code} has docs/rules/${rule.code}.md with what, why, how to fix and an example`, () => {
      const path = join(DOCS, `${rule.code}.md`);
      assert.ok(existsSync(path), `missing ${path}`);
      const page = readFileSync(path, 'utf8');
      assert.ok(page.startsWith(`# ${rule.code} ${rule.name}\n`), 'title is the code and name');
      for (const heading of ['## What', '## Why', '## How to fix', '## Example']) assert.ok(page.includes(`\n${heading}\n`), `${heading} missing`);
      assert.ok(page.includes(`**${rule.severity}**`), 'states the default severity');
    });
  }

  it('the index lists every code', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    assert.deepEqual(ALL_CODES.filter((r) => !index.includes(`[${r.code}](${r.code}.md)`)).map((r) => r.code), []);
  });

  it('codes are unique and follow the MA + three digits scheme', () => {
    const codes = ALL_CODES.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const c of codes) assert.match(c, /^MA\d{3}$/);
  });
});
