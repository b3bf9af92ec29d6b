import * as assert from 'node:assert/strict';
import type { ClusterClient, KubeObject } from '../../src/core/cluster/client';
import { ClusterError } from '../../src/core/cluster/errors';
import { BUNDLED } from '../../src/core/controlplane/catalog';
import { bundleContains, generateIdentityCredentials } from '../../src/core/controlplane/certs/identity';
import { CLI_ACTIONS, runChecks } from '../../src/core/lifecycle/checks';
import { controlPlaneCategories } from '../../src/core/lifecycle/controlPlaneChecks';
import { INSTALL_STEPS, installLinkerd, type InstallStep } from '../../src/core/lifecycle/install';
import { IdentityConflict } from '../../src/core/lifecycle/installIdentity';
import type { Simulator } from '../../sim/simulator';
import { CLUSTER_SCOPED_KINDS, memoryAnchors, simulatedCluster } from './simContext';

/** What an install leaves in the cluster, by kind and name, without what differs between any two installs. */
const KINDS: [string, string][] = [
  ...CLUSTER_SCOPED_KINDS,
  ['rbac.authorization.k8s.io/v1', 'Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['v1', 'ServiceAccount'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['apps/v1', 'Deployment'],
  ['batch/v1', 'CronJob'],
];

/**
 * What differs between any two installs: certificates, their hashes and the install-time heartbeat minute
 * (generated anew), allocated Service IPs, and the API server's bookkeeping (a re-run that renews the
 * webhook certificates rolls the deployments once more).
 */
const PER_INSTALL = /^(data|metadata\.(uid|resourceVersion|creationTimestamp|generation|managedFields)|status)$|^metadata\.annotations\.deployment\.kubernetes\.io\/revision$|caBundle$|checksum\/config$|trust-root-sha256$|^spec\.(schedule|clusterIPs?)$/;

function stable(value: unknown, path = ''): unknown {
  if (Array.isArray(value)) return value.map((v, i) => stable(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (!PER_INSTALL.test(p)) out[k] = stable(v, p);
    }
    return out;
  }
  return value;
}

async function snapshot(client: ClusterClient): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const [apiVersion, kind] of KINDS) {
    for (const o of (await client.list(apiVersion, kind, { labelSelector: 'linkerd.io/control-plane-ns=linkerd' })).items as KubeObject[]) {
      out.set(`${kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, stable(o));
    }
  }
  const ns = await client.tryGet('v1', 'Namespace', 'linkerd');
  if (ns) out.set('Namespace//linkerd', stable(ns));
  return out;
}

type Data = KubeObject & { data?: Record<string, string>; metadata?: { resourceVersion?: string } };

/**
 * Kills and faults at every step boundary of an install, then runs it again: the second run must finish,
 * and leave the cluster as a clean install does (the same objects with the same fields, everything but the
 * per-install certificates), trusting the anchor stored locally, and healthy by `check`.
 */
describe('install resumes from any point (kill and fault matrix on the simulated cluster)', function () {
  this.timeout(600_000);
  let clean: Map<string, unknown>;

  before(async () => {
    const { sim, client } = await simulatedCluster({ scenario: 'empty', readinessDelayMs: 10 });
    try {
      await installLinkerd(client, { anchors: memoryAnchors(), installGatewayApi: true, progress: () => undefined, call: {} });
      clean = await snapshot(client);
    } finally {
      await sim.close();
    }
  });

  const faults: Record<string, (sim: Simulator) => void> = {
    'a kill': () => {
      throw new Error('killed');
    },
    'a 403 on every request': (sim) => sim.faults.set({ forbidden: [{ resource: '*', group: '*' }] }),
    'a 500 on every request': (sim) => sim.faults.set({ errorRate: 1 }),
  };

  for (const at of INSTALL_STEPS) {
    for (const [fault, inject] of Object.entries(faults)) {
      it(`${fault} as the "${at}" step starts, then a re-run`, async () => {
        const { sim, client } = await simulatedCluster({ scenario: 'empty', readinessDelayMs: 10 });
        try {
          const anchors = memoryAnchors();
          const step = (s: InstallStep) => s === at && inject(sim);
          await assert.rejects(installLinkerd(client, { anchors, installGatewayApi: true, progress: () => undefined, step, call: {}, deploymentTimeoutMs: 3000 }));
          sim.faults.clear();
          const stored = anchors.anchor;
          const result = await installLinkerd(client, { anchors, installGatewayApi: true, progress: () => undefined, call: {} });
          // Once an anchor is stored, every later run uses it: it is never replaced, nor a second one made.
          if (stored) {
            assert.notEqual(result.identity, 'create');
            assert.equal(anchors.anchor, stored);
          } else {
            assert.equal(result.identity, 'create');
          }
          assert.deepEqual([...(await snapshot(client))].sort(), [...clean].sort());
          const roots = await client.get<Data>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', 'linkerd');
          assert.ok(bundleContains(roots.data!['ca-bundle.crt'], anchors.anchor!.certPem), 'the cluster trusts the stored anchor');
          const report = await runChecks(controlPlaneCategories(BUNDLED), { client, call: {}, facts: new Map(), actions: CLI_ACTIONS });
          assert.deepEqual(report.categories.flatMap((c) => c.checks.filter((k) => k.result === 'error').map((k) => `${k.description}: ${k.error}`)), []);
        } finally {
          await sim.close();
        }
      });
    }
  }

  it('reuses the anchor stored for a context whose cluster was recreated, and says so', async () => {
    const { sim, client } = await simulatedCluster({ scenario: 'empty', readinessDelayMs: 10 });
    try {
      const { trustAnchor } = await generateIdentityCredentials();
      const lines: string[] = [];
      const result = await installLinkerd(client, { anchors: memoryAnchors(trustAnchor), installGatewayApi: true, progress: (m) => lines.push(m), call: {} });
      assert.equal(result.identity, 'from-local');
      assert.ok(lines.some((m) => /^reusing the trust anchor stored in the test's anchor store for "meshaware-sim" \(expires \d{4}-\d\d-\d\d\) with a new issuer$/.test(m)), lines.join('\n'));
      const roots = await client.get<Data>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', 'linkerd');
      assert.ok(bundleContains(roots.data!['ca-bundle.crt'], trustAnchor.certPem));
    } finally {
      await sim.close();
    }
  });

  it('asks, before changing anything, when the cluster trusts another anchor than the stored one; then keeps or replaces as chosen', async () => {
    const { sim, client } = await simulatedCluster({ scenario: 'empty', readinessDelayMs: 10 });
    try {
      const theirs = memoryAnchors();
      await installLinkerd(client, { anchors: theirs, installGatewayApi: true, progress: () => undefined, call: {} });
      const before = await client.get<Data>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', 'linkerd');
      const mine = memoryAnchors((await generateIdentityCredentials()).trustAnchor);
      await assert.rejects(installLinkerd(client, { anchors: mine, installGatewayApi: true, progress: () => undefined, call: {} }), (e: ClusterError) => {
        assert.ok(e instanceof IdentityConflict);
        assert.match(e.userMessage, /trusts another trust anchor than the one stored in the test's anchor store .*keep the cluster's identity .*replace it with the stored anchor/);
        return true;
      });
      assert.equal((await client.get<Data>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', 'linkerd')).metadata?.resourceVersion, before.metadata?.resourceVersion, 'nothing changed');

      assert.equal((await installLinkerd(client, { anchors: mine, identityChoice: 'cluster', installGatewayApi: true, progress: () => undefined, call: {} })).identity, 'reuse-cluster');
      assert.ok(bundleContains((await client.get<Data>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', 'linkerd')).data!['ca-bundle.crt'], theirs.anchor!.certPem));

      const lines: string[] = [];
      await installLinkerd(client, { anchors: mine, identityChoice: 'local', installGatewayApi: true, progress: (m) => lines.push(m), call: {} });
      assert.ok(bundleContains((await client.get<Data>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', 'linkerd')).data!['ca-bundle.crt'], mine.anchor!.certPem));
      assert.ok(lines.some((m) => /replacing the cluster's trust anchors .*restart every meshed workload/.test(m)));
    } finally {
      await sim.close();
    }
  });
});
