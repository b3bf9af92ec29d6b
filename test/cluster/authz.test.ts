// Policy applied to the simulated emojivoto, seen from both sources: the simulator's proxies deny the
// unmeshed legacy client once a Server and AuthorizationPolicy admit only vote-bot, and refuse web's
// connections once voting's port is an opaque Server that admits only vote-bot; `meshaware authz` and
// `meshaware edges` report both alike from a real Prometheus (--prometheus) and from the proxies.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cli } from './runCli';
import { simulatedCluster } from './simContext';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const POLICIES = ['emojivoto-web-policy.yaml', 'emojivoto-voting-opaque.yaml'].map((f) => join(__dirname, '../fixtures/policy', f));
const VOTE_BOT = 'vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local';
const WEB = 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local';

interface Row {
  workload: { name: string };
  protocol: 'http' | 'tcp';
  server: { kind: string; name: string };
  route: { kind: string; name: string } | null;
  authorization: { kind: string; name: string } | null;
  client: string | null;
  allowedRps?: number;
  deniedRps?: number;
  allowedConnectionsPerSecond?: number;
  deniedConnectionsPerSecond?: number;
}

interface EdgeRecord {
  source: { kind: string; name: string };
  destination: { name: string };
  requestsPerSecond: number;
  openConnections: number;
  allowedRps: number | null;
  deniedRps: number | null;
  allowedConnectionsPerSecond: number | null;
  deniedConnectionsPerSecond: number | null;
}

const within = (actual: number | null | undefined, expected: number, what: string) => assert.ok(actual != null && Math.abs(actual - expected) <= expected * 0.15, `${what}: ${actual} is not within 15% of ${expected}`);

describe('policy applied to the simulator, seen from Prometheus and from the proxies', function () {
  this.timeout(240_000);
  let env: Awaited<ReturnType<typeof simulatedCluster>>;

  before(async () => {
    env = await simulatedCluster({ scenario: 'emojivoto', linkerd: 'installed', prometheus: true });
    for (const policy of POLICIES) for (const doc of parseAllDocuments(readFileSync(policy, 'utf8'))) await env.client.apply(doc.toJS() as Parameters<typeof env.client.apply>[0]);
    // A whole query window (60 s) of scrapes after the policy took effect.
    await sleep(75_000);
  });
  after(async () => env?.sim.close());

  // Two web proxies share 1.5 denied requests/s, counted whole: the proxies are watched for 10 s (-t), not the
  // default 2 s, so that a request more or less is within the tolerance.
  for (const [source, window] of [['prometheus', []], ['proxies', ['-t', '10']]] as const) {
    it(`${source}: web denies the unmeshed client and admits vote-bot by web-authz`, async () => {
      const authz = await cli(['authz', '-n', 'emojivoto', '-o', 'json', '--source', source, ...window, '--kubeconfig', env.sim.kubeconfigPath]);
      assert.equal(authz.code, 0, authz.stderr);
      const rows = (JSON.parse(authz.stdout) as { authorizations: Row[] }).authorizations.filter((r) => r.workload.name === 'web');
      const denied = rows.find((r) => r.client === null && r.authorization === null);
      assert.deepEqual(denied?.server, { kind: 'server', name: 'web-http' });
      within(denied?.deniedRps, 1.5, 'denied unmeshed requests/s');
      const admitted = rows.find((r) => r.client === VOTE_BOT && r.authorization?.name === 'web-authz');
      within(admitted?.allowedRps, 6, 'vote-bot requests/s allowed by web-authz');

      const edges = await cli(['edges', '-n', 'emojivoto', '-o', 'json', '--source', source, ...window, '--kubeconfig', env.sim.kubeconfigPath]);
      const list = (JSON.parse(edges.stdout) as { edges: EdgeRecord[] }).edges;
      const legacy = list.find((e) => e.source.kind === 'UnmeshedClients' && e.destination.name === 'web');
      within(legacy?.deniedRps, 1.5, 'denied on the unmeshed → web edge');
      assert.ok((legacy?.allowedRps ?? 1) < 0.1, `nothing of it allowed: ${legacy?.allowedRps}`);
      const bot = list.find((e) => e.source.name === 'vote-bot' && e.destination.name === 'web');
      within(bot?.allowedRps, 6, 'allowed on vote-bot → web');
    });

    it(`${source}: voting's opaque Server refuses web's connections, and the refused edge is drawn from voting's count`, async () => {
      const authz = await cli(['authz', '-n', 'emojivoto', '-o', 'json', '--source', source, ...window, '--kubeconfig', env.sim.kubeconfigPath]);
      assert.equal(authz.code, 0, authz.stderr);
      const rows = (JSON.parse(authz.stdout) as { authorizations: Row[] }).authorizations.filter((r) => r.workload.name === 'voting' && r.protocol === 'tcp');
      const refused = rows.find((r) => r.client === WEB && r.authorization === null);
      assert.deepEqual([refused?.server, refused?.route], [{ kind: 'server', name: 'voting-grpc' }, null]);
      // Two web pods reconnecting every second (sim/linkerd/metrics.ts REFUSED_RETRY_S).
      within(refused?.deniedConnectionsPerSecond, 2, 'denied web connections/s');
      assert.ok(rows.every((r) => !('deniedRps' in r) && !('allowedRps' in r)), 'connections are never counted as requests');
      const table = await cli(['authz', '-n', 'emojivoto', '--source', source, ...window, '--kubeconfig', env.sim.kubeconfigPath]);
      assert.match(table.stdout, /deployment\/voting\s+voting-grpc\s+-\s+-\s+web\.emojivoto\s+0\.00conn\/s\s+[12]\.\d\dconn\/s/);

      const edges = await cli(['edges', '-n', 'emojivoto', '-o', 'json', '--source', source, ...window, '--kubeconfig', env.sim.kubeconfigPath]);
      const edge = (JSON.parse(edges.stdout) as { edges: EdgeRecord[] }).edges.find((e) => e.source.name === 'web' && e.destination.name === 'voting');
      // web sends no requests to an opaque port and holds no connection open: the edge is voting's count of its refusals.
      assert.deepEqual([edge?.requestsPerSecond, edge?.openConnections], [0, 0]);
      within(edge?.deniedConnectionsPerSecond, 2, 'denied connections/s on web → voting');
      assert.ok((edge?.allowedConnectionsPerSecond ?? 0) < 0.1 && (edge?.deniedRps ?? 0) < 0.1, `nothing of it allowed, no requests denied: ${JSON.stringify(edge)}`);
    });
  }
});
