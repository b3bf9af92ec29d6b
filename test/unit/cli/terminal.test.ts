import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeControl } from '../../../src/cli/terminal';

const ESC = '\u001b';

describe('CLI text output is safe for a terminal', function () {
  this.timeout(60_000);

  it('escapes C0 and C1 controls, DEL, line separators and bidirectional overrides; keeps what it is told to', () => {
    assert.equal(escapeControl(`a${ESC}[31mred${ESC}]0;title\u0007\r\nb\u009b\u007f\u2028\u202etxt`), 'a\\x1b[31mred\\x1b]0;title\\x07\\x0d\\x0ab\\x9b\\x7f\\u2028\\u202etxt');
    assert.equal(escapeControl('line 1\n\tline 2\r', '\n\t'), 'line 1\n\tline 2\\x0d');
    assert.equal(escapeControl('café ✓ 日本'), 'café ✓ 日本');
  });

  it('meshaware lint prints a manifest name holding escape sequences as escapes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshaware-terminal-'));
    try {
      const file = join(dir, 'evil.yaml');
      writeFileSync(
        file,
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "web\\e]0;owned\\a\\e[2J"\nspec:\n  template:\n    metadata:\n      annotations:\n        linkerd.io/inject: "true"\n    spec:\n      containers: [{name: web}]\n',
      );
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../../../src/cli/bin.ts'), 'lint', file], { encoding: 'utf8', timeout: 60_000 });
      assert.ok(r.stdout.includes('web\\x1b]0;owned\\x07\\x1b[2J'), r.stdout);
      assert.ok(!r.stdout.includes(ESC) && !r.stderr.includes(ESC), 'an escape character reached the terminal');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
