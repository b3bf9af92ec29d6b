import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKubeconfigFiles } from '../../../src/core/cluster/clientNode';
import { displayServer, withoutUrlCredentials } from '../../../src/core/cluster/credentials';
import { ClusterError, fromNetworkError } from '../../../src/core/cluster/errors';
import { freshDirEach } from '../freshDir';

const SERVER = 'https://admin:s3cret@127.0.0.1:1';

/** A kubeconfig whose server URL carries basic-auth credentials, pointing at a closed port. */
function kubeconfig(dir: string): string {
  const file = join(dir, 'config');
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${SERVER}\n    insecure-skip-tls-verify: true\ncontexts:\n- name: creds\n  context: {cluster: c, user: u}\ncurrent-context: creds\nusers:\n- name: u\n  user: {token: abc}\n`,
  );
  return file;
}

describe('credentials in kubeconfig server URLs are never shown', function () {
  this.timeout(60_000);
  const folder = freshDirEach('meshaware-creds-');

  it('strips user and password from URLs, in messages and as a server to show', () => {
    assert.equal(displayServer(SERVER), 'https://127.0.0.1:1/');
    assert.equal(displayServer('https://10.0.0.1:6443'), 'https://10.0.0.1:6443');
    assert.equal(withoutUrlCredentials(`Request to ${SERVER}/api failed; also http://u@h:80/x and ftp://a:b:c@d`), 'Request to https://127.0.0.1:1/api failed; also http://h:80/x and ftp://d');
    assert.equal(new ClusterError('server', `The API server at ${SERVER} answered 500`, '').message, 'The API server at https://127.0.0.1:1 answered 500');
    const down = fromNetworkError(Object.assign(new Error(`connect ECONNREFUSED ${SERVER}`), { code: 'ECONNREFUSED' }), 'creds', SERVER);
    assert.equal(down.message, 'Cannot reach the API server of context "creds" at https://127.0.0.1:1/ (ECONNREFUSED).');
    const other = fromNetworkError(new Error(`bad thing at ${SERVER}`), 'creds', SERVER);
    assert.ok(!other.userMessage.includes('s3cret'), other.userMessage);
  });

  it('the loaded contexts show the server without credentials; requests still get them', async () => {
    const config = loadKubeconfigFiles([kubeconfig(folder())]);
    assert.equal(config.contexts[0].server, 'https://127.0.0.1:1/');
    assert.equal((await config.connection('creds')).server, SERVER);
  });

  it('meshaware check on such a context says it cannot reach the server, without the password', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../../../src/cli/bin.ts'), 'check', '--kubeconfig', kubeconfig(folder()), '--verbose'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Cannot reach the API server of context "creds" at https:\/\/127\.0\.0\.1:1\//);
    assert.ok(!`${r.stdout}${r.stderr}`.includes('s3cret'), r.stderr);
  });

  it('a KUBECONFIG list takes the current context of the first file that sets one, as kubectl does', () => {
    const dir = folder();
    const file = (name: string, current: string | undefined) => {
      const path = join(dir, name);
      writeFileSync(path, `apiVersion: v1\nkind: Config\nclusters:\n- name: ${name}\n  cluster: {server: 'https://127.0.0.1:1'}\ncontexts:\n- name: ${name}\n  context: {cluster: ${name}, user: u-${name}}\n${current ? `current-context: ${current}\n` : ''}users:\n- name: u-${name}\n  user: {token: abc}\n`);
      return path;
    };
    const [a, b, none] = [file('a', 'a'), file('b', 'b'), file('none', undefined)];
    assert.equal(loadKubeconfigFiles([a, b]).currentContext, 'a');
    assert.equal(loadKubeconfigFiles([b, a]).currentContext, 'b');
    assert.equal(loadKubeconfigFiles([none, b]).currentContext, 'b');
    assert.deepEqual(loadKubeconfigFiles([a, b]).contexts.map((c) => c.name).sort(), ['a', 'b']);
  });
});
