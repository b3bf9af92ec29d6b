import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenSslDir } from './support/openssl';

const MAIN = join(__dirname, '../../../src/cli/main.ts');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI as users run it, in a child process. */
describe('controlplane CLI: certs and render', function () {
  this.timeout(60_000);
  let ssl: OpenSslDir;
  const file = (name: string) => join(ssl.dir, name);

  before(() => {
    ssl = new OpenSslDir();
  });
  after(() => ssl.dispose());

  it('certs generate writes a verifying chain, keys readable by the owner only', () => {
    const r = cli('certs', 'generate', '--out', ssl.dir);
    assert.equal(r.status, 0, r.stderr);
    for (const key of ['ca.key', 'issuer.key']) assert.equal(statSync(file(key)).mode & 0o777, 0o600, key);
    // Certificates are public; the umask decides who else may read them.
    for (const cert of ['ca.crt', 'issuer.crt']) assert.equal(statSync(file(cert)).mode & 0o600, 0o600, cert);
    assert.match(ssl.run('verify', '-CAfile', 'ca.crt', 'issuer.crt'), /OK/);
  });

  it('certs generate refuses to overwrite an existing anchor key without --force', () => {
    const before = readFileSync(file('ca.key'), 'utf8');
    const r = cli('certs', 'generate', '--out', ssl.dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already exists?; nothing was written\. Use --force/);
    assert.equal(readFileSync(file('ca.key'), 'utf8'), before);
    assert.equal(cli('certs', 'generate', '--out', ssl.dir, '--force').status, 0);
    assert.notEqual(readFileSync(file('ca.key'), 'utf8'), before);
  });

  it('certs generate into a folder holding only ca.key writes nothing (no orphan ca.crt)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-certs-'));
    writeFileSync(join(dir, 'ca.key'), 'kept');
    const r = cli('certs', 'generate', '--out', dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /ca\.key already exists; nothing was written/);
    for (const name of ['ca.crt', 'issuer.crt', 'issuer.key']) assert.equal(existsSync(join(dir, name)), false, name);
    assert.equal(readFileSync(join(dir, 'ca.key'), 'utf8'), 'kept');
  });

  it('certs generate leaves only the four files, none of its temporary ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-certs-'));
    assert.equal(cli('certs', 'generate', '--out', dir).status, 0);
    assert.equal(cli('certs', 'generate', '--out', dir, '--force').status, 0);
    assert.deepEqual(readdirSync(dir).sort(), ['ca.crt', 'ca.key', 'issuer.crt', 'issuer.key']);
  });

  it('render --control-plane uses the given certificates and never the anchor key', () => {
    const r = cli('render', '--control-plane', '--trust-anchor', file('ca.crt'), '--issuer-cert', file('issuer.crt'), '--issuer-key', file('issuer.key'));
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes(Buffer.from(ssl.read('issuer.crt').trim()).toString('base64')));
    assert.ok(r.stdout.includes(ssl.read('ca.crt').split('\n')[1]));
    assert.ok(!r.stdout.includes(ssl.read('ca.key').split('\n')[1]));
  });

  it('render refuses a key that does not match the issuer, saying why', () => {
    const r = cli('render', '--control-plane', '--trust-anchor', file('ca.crt'), '--issuer-cert', file('issuer.crt'), '--issuer-key', file('ca.key'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /issuer key: does not match the public key of the issuer certificate/);
    assert.equal(r.stdout, '');
  });

  it('render --help says the control plane output holds private keys, as linkerd install output does', () => {
    const r = cli('render', '--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /The control plane output contains private keys, as 'linkerd install' output does/);
    assert.match(r.stdout, /The trust anchor key is never in it/);
    assert.match(r.stdout, /--gateway-api/);
  });

  it('render --crds --gateway-api adds the four route CRDs linkerd-crds installs', () => {
    const r = cli('render', '--crds', '--gateway-api');
    assert.equal(r.status, 0, r.stderr);
    for (const kind of ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute']) assert.match(r.stdout, new RegExp(`name: ${kind.toLowerCase()}s\\.gateway\\.networking\\.k8s\\.io`));
    assert.equal(cli('render', '--gateway-api').status, 2);
  });

  it('render reports usage mistakes with exit code 2', () => {
    assert.equal(cli('render').status, 2);
    const partial = cli('render', '--control-plane', '--trust-anchor', file('ca.crt'));
    assert.equal(partial.status, 2);
    assert.match(partial.stderr, /go together \(missing --issuer-cert, --issuer-key\)/);
  });

  it('render --crds prints only CRDs', () => {
    const r = cli('render', '--crds');
    assert.equal(r.status, 0, r.stderr);
    const kinds = [...r.stdout.matchAll(/^kind: (\S+)$/gm)].map((m) => m[1]);
    assert.ok(kinds.length > 0 && kinds.every((k) => k === 'CustomResourceDefinition'), kinds.join(','));
  });
});
