import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, deployment } from './runCli';
import { freshDirEach } from '../freshDir';

/** Bytes 0x01–0x7f (valid UTF-8, no NUL, no template braces), from a fixed linear congruential sequence. */
function binaryWithoutNul(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    do {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      out[i] = 1 + (x % 127);
    } while (out[i] === 0x7b || out[i] === 0x25);
  }
  return out;
}

/** Hostile and odd inputs to `meshaware inject`: it changes no byte outside its edit and says briefly what is wrong. */
describe('meshaware inject: inputs', function () {
  this.timeout(60_000);
  const folder = freshDirEach('meshaware-inject-inputs-');

  it('refuses a file that is not UTF-8, located at the first bad byte, and leaves it untouched', async () => {
    const file = join(folder(), 'latin1.yaml');
    const [head, tail] = deployment('web').split('    spec:\n');
    const bytes = Buffer.concat([Buffer.from(`${head}    spec:\n      # caf`), Buffer.from([0xe9]), Buffer.from(`\n${tail}`)]);
    writeFileSync(file, bytes);
    const r = await cli(['-i', file]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `${file}:11:12: not UTF-8 (byte 0xe9); Kubernetes reads manifests as UTF-8 (kubectl refuses this file too) and inject edits only what it can write back byte for byte: convert the file to UTF-8 first\nnothing was written\n`);
    assert.deepEqual(readFileSync(file), bytes);
  });

  it('keeps every byte outside its edit: a byte order mark, non-ASCII text, CRLF', async () => {
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(deployment('café').replace(/\n/g, '\r\n'), 'utf8')]);
    const r = await cli(['-'], original);
    assert.equal(r.status, 0, r.stderr);
    const expected = Buffer.from(`\ufeff${deployment('café').replace('      labels:', '      annotations:\n        linkerd.io/inject: enabled\n      labels:').replace(/\n/g, '\r\n')}`, 'utf8');
    assert.deepEqual(r.stdoutBytes, expected);
    assert.deepEqual((await cli(['--remove', '-'], r.stdoutBytes)).stdoutBytes, original);
  });

  it('binary input without NUL: a few distinct, shortened messages, not the file echoed to the terminal', async () => {
    const r = await cli(['-'], binaryWithoutNul(65_000));
    assert.equal(r.status, 1);
    const lines = r.stderr.trimEnd().split('\n');
    assert.ok(lines.length <= 12, `${lines.length} lines`);
    assert.ok(r.stderr.length < 4000, `${r.stderr.length} characters`);
    assert.equal(new Set(lines).size, lines.length);
    assert.match(lines.at(-1) ?? '', /^nothing was written$/);
    assert.match(r.stderr, /\(and \d+ more like it\)|more problems; is this a YAML file\?/);
    assert.ok(![...r.stderr].some((c) => (c < ' ' && c !== '\n') || c === '\u007f'), 'a control character reached the terminal');
  });

  it('an unclosed 100,000-deep [ is one line saying how deep is too deep', async () => {
    const r = await cli(['-'], '['.repeat(100_000));
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '<stdin>:1:257: Nesting deeper than 256 levels; no manifest is this deep, so this document is not read\nnothing was written\n');
  });

  it('escapes terminal control sequences in the names it reports', async () => {
    const evil = deployment('x').replace('  name: x\n', '  name: "\\e]0;pwned\\a\\e[2Jweb\\nfake line"\n');
    const r = await cli(['-'], evil);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'deployment/\\x1b]0;pwned\\x07\\x1b[2Jweb\\x0afake line injected\n');
  });

  it('duplicate keys: reads and edits what the API server keeps (the last), and warns at the ignored one', async () => {
    const twice = deployment('web').replace('      labels:\n', '      annotations:\n        linkerd.io/inject: enabled\n      labels:\n').replace('    spec:\n', '      annotations:\n        team: payments\n    spec:\n');
    const r = await cli(['-'], twice);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stderr,
      'deployment/web injected\n<stdin>:8:7: warning: deployment/web: spec.template.metadata.annotations is written more than once; the API server keeps only the last, so that is the one Meshaware reads and edits\n',
    );
    assert.equal(r.stdout, twice.replace('        team: payments\n', '        linkerd.io/inject: enabled\n        team: payments\n'));
  });

  it('merge keys: an annotation a merge (<<) supplies counts, and a new key that would hide a merged one is refused', async () => {
    const merged = `x-meta: &meta\n  annotations:\n    linkerd.io/inject: enabled\n${deployment('web').replace('    metadata:\n', '    metadata:\n      <<: *meta\n')}`;
    assert.equal((await cli(['-'], merged)).stderr, 'deployment/web unchanged: already enabled\n');
    const r = await cli(['--ingress', '-'], merged);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /deployment\/web: spec\.template\.metadata\.annotations comes from a merge \(<<\) of a map defined elsewhere/);
  });
});
