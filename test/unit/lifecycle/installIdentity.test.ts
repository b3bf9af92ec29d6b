import assert from 'node:assert/strict';
import { generateIdentityCredentials, identityMaterial, type IdentityCredentials } from '../../../src/core/controlplane/certs/identity';
import { IdentityConflict, planIdentity } from '../../../src/core/lifecycle/installIdentity';

/** Every case of the install's identity decision: what the cluster holds, what is stored locally, what was chosen. */
describe('install identity plan', () => {
  let a: IdentityCredentials;
  let b: IdentityCredentials;
  before(async () => {
    [a, b] = await Promise.all([generateIdentityCredentials(), generateIdentityCredentials()]);
  });
  const plan = (cluster: Parameters<typeof planIdentity>[0], local: IdentityCredentials | undefined, choice?: 'cluster' | 'local') => planIdentity(cluster, local?.trustAnchor, 'DIR', 'kind-dev', choice);

  it('creates an anchor only when neither the cluster nor the store has one', () => {
    assert.equal(plan({}, undefined).kind, 'create');
  });

  it('issues from the stored anchor for a cluster without identity (recreated, or stopped before the trust roots)', () => {
    const p = plan({}, a);
    assert.equal(p.kind, 'from-local');
    assert.match(p.message, /reusing the trust anchor stored in DIR for "kind-dev" \(expires \d{4}-\d\d-\d\d\) with a new issuer/);
  });

  it("keeps the cluster's identity when the store is empty or holds the same anchor", () => {
    const cluster = { identity: identityMaterial(a) };
    assert.match(plan(cluster, undefined).message, /already in the cluster; its anchor key is not in DIR/);
    const same = plan(cluster, a);
    assert.equal(same.kind, 'reuse-cluster');
    assert.match(same.message, /signed by the trust anchor stored in DIR/);
  });

  it('issues an issuer when the cluster has the stored anchor as trust roots but no issuer yet', () => {
    const p = plan({ trustAnchorsPem: a.trustAnchor.certPem }, a);
    assert.deepEqual([p.kind, p.kind === 'from-local' && p.replacesCluster], ['from-local', false]);
  });

  it('refuses to guess when the anchors differ, and follows the choice once made', () => {
    const cluster = { identity: identityMaterial(a) };
    assert.throws(() => plan(cluster, b), (e: IdentityConflict) => e instanceof IdentityConflict && /trusts another trust anchor than the one stored in DIR/.test(e.message) && /keep the cluster's identity.*replace it/.test(e.hint));
    assert.equal(plan(cluster, b, 'cluster').kind, 'reuse-cluster');
    const replace = plan(cluster, b, 'local');
    assert.deepEqual([replace.kind, replace.kind === 'from-local' && replace.replacesCluster], ['from-local', true]);
    assert.match(replace.message, /restart every meshed workload/);
  });

  it('says what to do when the cluster has trust roots but neither an issuer nor their anchor here', () => {
    assert.throws(() => plan({ trustAnchorsPem: a.trustAnchor.certPem }, undefined), /issuer is not, and the anchor that signs them is not stored in DIR/);
  });
});
