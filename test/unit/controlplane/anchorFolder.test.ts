import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchorFolder } from '../../../src/cli/anchorFolder';
import { generateIdentityCredentials } from '../../../src/core/controlplane/certs/identity';
import type { CertificateAndKey } from '../../../src/core/controlplane/certs/types';

describe('CLI trust-anchor folder', () => {
  let anchor: CertificateAndKey;
  before(async () => {
    anchor = (await generateIdentityCredentials()).trustAnchor;
  });
  const dir = () => join(mkdtempSync(join(tmpdir(), 'mw-anchor-')), 'identity');

  it('saves ca.crt and ca.key (0600) and loads them back', async () => {
    const d = dir();
    await anchorFolder(d).save(anchor);
    assert.equal(statSync(join(d, 'ca.key')).mode & 0o777, 0o600);
    assert.deepEqual(await anchorFolder(d).load(), anchor);
  });

  it('never replaces a stored anchor', async () => {
    const d = dir();
    await anchorFolder(d).save(anchor);
    const other = (await generateIdentityCredentials()).trustAnchor;
    await assert.rejects(anchorFolder(d).save(other), /ca\.crt already exists: Meshaware never replaces a stored trust anchor/);
    assert.equal(readFileSync(join(d, 'ca.key'), 'utf8'), anchor.keyPem);
  });

  it('finishes a save killed between its two renames, and drops one killed before', async () => {
    const d = dir();
    await anchorFolder(d).save(anchor);
    renameSync(join(d, 'ca.crt'), join(d, 'ca.crt.partial'));
    assert.deepEqual(await anchorFolder(d).load(), anchor);
    assert.equal(existsSync(join(d, 'ca.crt.partial')), false);

    const f = dir();
    await anchorFolder(f).save(anchor);
    for (const n of ['ca.crt', 'ca.key']) renameSync(join(f, n), join(f, `${n}.partial`));
    assert.deepEqual(await anchorFolder(f).load(), anchor, 'both halves written: the save completes');
    const g = dir();
    await anchorFolder(g).save(anchor);
    renameSync(join(g, 'ca.key'), join(g, 'ca.key.partial'));
    renameSync(join(g, 'ca.crt'), join(g, 'ca.crt.gone'));
    assert.equal(await anchorFolder(g).load(), undefined, 'only the key was written: nothing was saved');
    assert.equal(existsSync(join(g, 'ca.key.partial')), false);
  });

  it('explains half an anchor left by hand instead of creating a second one', async () => {
    const d = dir();
    await anchorFolder(d).save(anchor);
    renameSync(join(d, 'ca.key'), join(d, 'elsewhere.key'));
    await assert.rejects(anchorFolder(d).load(), /holds ca\.crt without ca\.key: half a trust anchor/);
  });
});
