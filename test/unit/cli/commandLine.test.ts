import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../../src/cli/commands';
import { runCli } from './inProcess';

describe('CLI command lines (defineCommand over node:util parseArgs, strict)', () => {
  it('every command prints its usage for -h and --help and rejects unknown options and stray arguments with exit 2', async () => {
    for (const c of commands) {
      for (const help of ['-h', '--help']) {
        const r = await runCli([c.name, help]);
        assert.deepEqual([r.status, r.stdout], [0, `${c.usage}\n`], `${c.name} ${help}`);
      }
      const bogus = await runCli([c.name, '--bogus']);
      assert.equal(bogus.status, 2, c.name);
      assert.match(bogus.stderr, new RegExp(`^meshaware ${c.name}: unknown option '--bogus'\\n`), c.name);
    }
    for (const name of ['check', 'install', 'upgrade', 'uninstall', 'rotate-issuer', 'edges', 'stat', 'render']) {
      const stray = await runCli([name, 'stray']);
      assert.equal(stray.status, 2, name);
      assert.match(stray.stderr, new RegExp(`^meshaware ${name}: unexpected argument 'stray'`), name);
    }
    const missing = await runCli(['lint', '--fail-on']);
    assert.match(missing.stderr, /^meshaware lint: option '--fail-on' needs a value/);
    const valued = await runCli(['inject', '--remove=yes', '-']);
    assert.match(valued.stderr, /^meshaware inject: option '--remove' takes no value/);
  });

  it('lint takes -o/--output, the flag every command uses, and still --format/-f', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshaware-output-'));
    try {
      writeFileSync(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n');
      const outputs: string[] = [];
      // One at a time: each run enters the folder.
      for (const flag of [['-o', 'json'], ['--output=json'], ['--format', 'json'], ['-f', 'json']]) outputs.push((await runCli(['lint', ...flag, 'ns.yaml'], { cwd: dir })).stdout);
      assert.deepEqual(outputs, ['[]\n', '[]\n', '[]\n', '[]\n']);
      const both = await runCli(['lint', '-o', 'json', '--format', 'json', 'ns.yaml'], { cwd: dir });
      assert.equal(both.status, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
