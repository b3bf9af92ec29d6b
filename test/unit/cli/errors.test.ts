import assert from 'node:assert/strict';
import { isCancelled } from '../../../src/core/cancel';
import { objectsOf } from '../../../src/core/cluster/applyDocuments';
import { ClusterError, fromNetworkError } from '../../../src/core/cluster/errors';
import { CancelledError, InputError, MeshawareError } from '../../../src/core/errors';
import { parseManifest } from '../../../src/core/yaml/manifest';
import { exitCodeOf } from '../../../src/cli/main';
import { UsageError } from '../../../src/cli/command';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from './inProcess';

describe('one error vocabulary', () => {
  it('a cancelled request is a CancelledError, not a ClusterError', () => {
    const e = fromNetworkError(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'kind-kind', 'https://127.0.0.1:1');
    assert.ok(e instanceof CancelledError && !(e instanceof ClusterError));
    assert.ok(isCancelled(e));
    assert.ok(!isCancelled(new ClusterError('timeout', 'slow', '')));
  });

  it('a YAML syntax error in a manifest to apply is an input error, not a cluster error', () => {
    const parsed = parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n');
    assert.throws(() => objectsOf(parsed), (e) => e instanceof InputError && !(e instanceof ClusterError) && /YAML error/.test(e.message));
  });

  it('a usage error prints the message and the command usage, exit 2', async () => {
    const r = await runCli(['lint', '--bogus', 'x.yaml']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^meshaware lint: unknown option '--bogus'\nUsage: meshaware lint/);
  });

  it('every error class carries a code, a message and a hint; the CLI maps classes to exit codes', () => {
    const e = new ClusterError('forbidden', 'You may not list pods.', 'Ask an admin.');
    assert.ok(e instanceof MeshawareError);
    assert.deepEqual([e.code, e.userMessage], ['forbidden', 'You may not list pods. Ask an admin.']);
    assert.deepEqual([new UsageError('x'), new CancelledError(), e, new Error('x')].map(exitCodeOf), [2, 130, 1, 1]);
  });

  it('the CLI prints the message and the hint the editor shows', () => {
    // The executable: the Kubernetes client is loaded lazily as a module of its own, which tsx's require hook cannot.
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../../../src/cli/bin.ts'), 'check', '--kubeconfig', '/nonexistent/kubeconfig'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^meshaware check: No Kubernetes context is selected .*\. Create a local cluster .* or pick a context\.\n$/);
  });
});
