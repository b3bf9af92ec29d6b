// Routes and audit mode on the simulated emojivoto, seen from both sources: HTTPRoutes on web-svc and a
// GRPCRoute on voting-svc split `meshaware stat --routes` per route, and a Server in audit mode makes
// `meshaware authz` report the unmeshed client as "would be denied (audit)" instead of denying it, from a
// real Prometheus (--prometheus) and from the proxies alike.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cli } from './runCli';
import { simulatedCluster } from './simContext';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROUTES = join(__dirname, '../fixtures/routes/emojivoto-routes.yaml');
// The web policy (only vote-bot authorized), with its Server in audit mode.
const AUDITED_POLICY = readFileSync(join(__dirname, '../fixtures/policy/emojivoto-web-policy.yaml'), 'utf8').replace(/^(\s+)port: (.*)$/m, '$1port: $2\n$1accessPolicy: audit');

interface RouteRecord {
  direction: string;
  workload: { name: string };
  parent: { kind: string; name: string; port: number | null };
  route: { kind: string; name: string };
  requestsPerSecond: number;
  successRate: number | null;
  latencyMs: { p50: number | null; p99: number | null };
}

const within = (actual: number | null | undefined, expected: number, tolerance: number, what: string) => assert.ok(actual != null && Math.abs(actual - expected) <= expected * tolerance, `${what}: ${actual} is not within ${tolerance * 100}% of ${expected}`);

describe('routes and audit mode on the simulator, from Prometheus and from the proxies', function () {
  this.timeout(300_000);
  let env: Awaited<ReturnType<typeof simulatedCluster>>;
  const results = new Map<string, RouteRecord[]>();

  before(async () => {
    assert.match(AUDITED_POLICY, /accessPolicy: audit/);
    env = await simulatedCluster({ scenario: 'emojivoto', linkerd: 'installed', prometheus: true });
    for (const text of [readFileSync(ROUTES, 'utf8'), AUDITED_POLICY]) {
      for (const doc of parseAllDocuments(text)) await env.client.apply(doc.toJS() as Parameters<typeof env.client.apply>[0]);
    }
    // A whole query window (60 s) of scrapes after the routes took effect.
    await sleep(75_000);
  });
  after(async () => env?.sim.close());

  for (const [source, window] of [['prometheus', []], ['proxies', ['-t', '10']]] as const) {
    it(`${source}: stat --routes splits web-svc by its HTTPRoutes and voting-svc by its GRPCRoute`, async () => {
      const out = await cli(['stat', '--routes', '-n', 'emojivoto', '-o', 'json', '--source', source, ...window, '--kubeconfig', env.sim.kubeconfigPath]);
      assert.equal(out.code, 0, out.stderr);
      const routes = (JSON.parse(out.stdout) as { routes: RouteRecord[] }).routes;
      results.set(source, routes);
      const vote = routes.find((r) => r.direction === 'outbound' && r.workload.name === 'vote-bot' && r.route.name === 'web-vote');
      assert.deepEqual(vote?.parent, { kind: 'Service', namespace: 'emojivoto', name: 'web-svc', port: 80 });
      within(vote?.requestsPerSecond, 6, 0.15, 'vote-bot → web-vote requests/s');
      within(vote?.successRate, 0.9, 0.05, 'web-vote success');
      const voting = routes.find((r) => r.direction === 'outbound' && r.workload.name === 'web' && r.route.kind === 'GRPCRoute');
      within(voting?.requestsPerSecond, 3, 0.15, 'web → voting-grpc requests/s');
      within(voting?.successRate, 0.8, 0.08, 'voting-grpc success (gRPC Unknown counts as failure)');
      // web serves under Server web-http (audit mode admits everyone): its default route, from vote-bot and legacy-client.
      const served = routes.find((r) => r.direction === 'inbound' && r.workload.name === 'web');
      assert.deepEqual([served?.parent.kind, served?.parent.name, served?.route.kind], ['server', 'web-http', 'default']);
      within(served?.requestsPerSecond, 7.5, 0.15, 'web inbound requests/s');

      const table = await cli(['stat', '--routes', '-n', 'emojivoto', '--source', source, ...window, '--kubeconfig', env.sim.kubeconfigPath]);
      assert.match(table.stdout, /^NAMESPACE\s+WORKLOAD\s+DIRECTION\s+PARENT\s+ROUTE\s+SUCCESS\s+RPS/m);
      assert.match(table.stdout, /deployment\/vote-bot\s+outbound\s+service\/web-svc:80\s+httproute\/web-vote\s+\d+\.\d\d%/);
    });

    it(`${source}: authz reports the unmeshed client as would be denied (audit), and denies nothing`, async () => {
      const out = await cli(['authz', '-n', 'emojivoto', '--source', source, ...window, '--kubeconfig', env.sim.kubeconfigPath]);
      assert.equal(out.code, 0, out.stderr);
      const line = out.stdout.split('\n').find((l) => l.includes('would be denied (audit)'));
      assert.ok(line, out.stdout);
      assert.match(line, /deployment\/web\s+web-http\s+default:default\s+would be denied \(audit\)\s+\(no identity\)\s+1\.\drps\s+0\.0rps/);
      const json = JSON.parse((await cli(['authz', '-n', 'emojivoto', '-o', 'json', '--source', source, ...window, '--kubeconfig', env.sim.kubeconfigPath])).stdout) as { authorizations: { audit: boolean; allowedRps: number; deniedRps: number }[] };
      within(json.authorizations.filter((r) => r.audit).reduce((n, r) => n + r.allowedRps, 0), 1.5, 0.35, 'audited requests/s');
      assert.equal(json.authorizations.reduce((n, r) => n + r.deniedRps, 0), 0, 'audit mode denies nothing');
    });
  }

  it('both sources agree on every route within 15%', () => {
    const [prom, proxies] = [results.get('prometheus') ?? [], results.get('proxies') ?? []];
    assert.ok(prom.length > 0 && prom.length === proxies.length, `${prom.length} vs ${proxies.length} routes`);
    for (const p of prom) {
      const q = proxies.find((r) => r.direction === p.direction && r.workload.name === p.workload.name && r.route.name === p.route.name && r.parent.name === p.parent.name);
      assert.ok(q, `${p.workload.name} ${p.route.name} missing from the proxies`);
      within(q.requestsPerSecond, p.requestsPerSecond, 0.15, `${p.workload.name} ${p.route.name} requests/s`);
      if (p.latencyMs.p50 !== null) within(q.latencyMs.p50, p.latencyMs.p50, 0.15, `${p.workload.name} ${p.route.name} p50`);
    }
  });
});
