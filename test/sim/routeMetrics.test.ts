import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Pod } from '../../sim/cluster/podTypes';
import { isReady } from '../../sim/cluster/workloads';
import { proxyMetrics } from '../../sim/linkerd/metrics';
import { startSimulator, until, type Simulator } from '../../sim/simulator';
import { kubectlOk, requireKubectl } from './kubectl';
import { samples, sum } from './samples';

const ROUTES = join(__dirname, '../fixtures/routes/emojivoto-routes.yaml');

// Families and labels as linkerd2-proxy v2.359.0 (Linkerd 2.20) writes them: linkerd/app/outbound/src/http/
// logical/policy/route/metrics/labels.rs, outbound/src/metrics.rs, inbound/src/http/router/metrics/labels.rs.
describe('simulated proxy route metrics', function () {
  this.timeout(60_000);
  let sim: Simulator;
  const pods = (app: string) => sim.api.list(sim.api.typeOf('Pod'), 'emojivoto').filter((p) => p.metadata.labels?.app === app) as Pod[];
  let t = Date.now();
  const scrape = (app: string, seconds: number) => {
    t += seconds * 1000;
    return pods(app).map((pod) => proxyMetrics(pod, { ...sim.traffic.context(), now: new Date(t) }));
  };

  before(async () => {
    requireKubectl();
    sim = await startSimulator({ linkerd: 'installed', readinessDelayMs: 20 });
    const running = (app: string) => pods(app).some((p) => isReady(p));
    await until(sim.api, () => running('web-svc') && running('vote-bot') && running('voting-svc'));
  });
  after(() => sim?.close());

  it('reports the default route on the caller and on the server when no route is attached', () => {
    scrape('vote-bot', 0);
    const text = scrape('vote-bot', 10);
    const statuses = samples(text, 'outbound_http_route_request_statuses_total');
    const toWeb = statuses.filter((s) => s.labels.parent_name === 'web-svc');
    assert.ok(toWeb.length > 0, 'vote-bot reports its requests to web-svc');
    assert.deepEqual(toWeb[0].order, ['parent_group', 'parent_kind', 'parent_namespace', 'parent_name', 'parent_port', 'parent_section_name', 'route_group', 'route_kind', 'route_namespace', 'route_name', 'hostname', 'http_status', 'error']);
    assert.deepEqual({ ...toWeb[0].labels, http_status: '' }, { parent_group: 'core', parent_kind: 'Service', parent_namespace: 'emojivoto', parent_name: 'web-svc', parent_port: '80', parent_section_name: '', route_group: '', route_kind: 'default', route_namespace: '', route_name: 'http', hostname: 'web-svc.emojivoto.svc.cluster.local', http_status: '', error: '' });
    // vote-bot sends 6 rps, 90% of it answered 200 and the rest 500; counters are whole requests.
    assert.ok(Math.abs(sum(toWeb) - 60) <= toWeb.length, `6 rps for 10 s: ${sum(toWeb)}`);
    assert.ok(Math.abs(sum(toWeb.filter((s) => s.labels.http_status === '500')) - 6) <= 1);
    const buckets = samples(text, 'outbound_http_route_request_duration_seconds_bucket').filter((s) => s.labels.parent_name === 'web-svc');
    assert.deepEqual(buckets.map((s) => s.labels.le), ['0.05', '0.5', '1.0', '10.0', '+Inf']);
    assert.ok(text.join('\n').includes('# TYPE outbound_http_route_request_statuses counter'), 'a counter is typed without _total, as prometheus-client writes it');

    const web = scrape('web-svc', 10);
    const inbound = samples(web, 'inbound_http_statuses_total');
    assert.deepEqual(inbound[0].order, ['parent_group', 'parent_kind', 'parent_name', 'parent_port', 'route_group', 'route_kind', 'route_name', 'status']);
    assert.deepEqual(new Set(inbound.map((s) => `${s.labels.parent_kind}/${s.labels.parent_name}:${s.labels.parent_port} ${s.labels.route_kind}/${s.labels.route_name}`)), new Set(['default/all-unauthenticated:8080 default/default']));
    // vote-bot's 6 rps and legacy-client's 1.5 rps share web's default route: one series per status, summed.
    const now = scrape('web-svc', 10);
    const grown = sum(samples(now, 'inbound_http_statuses_total')) - sum(inbound);
    assert.ok(Math.abs(grown - 75) <= 4, `7.5 rps for 10 s: ${grown}`);
    assert.deepEqual(samples(web, 'inbound_http_request_duration_seconds_bucket').slice(0, 8).map((s) => s.labels.le), ['0.025', '0.05', '0.1', '0.25', '0.5', '1.0', '10.0', '+Inf']);
  });

  it('splits a Service\'s traffic by the HTTPRoutes and GRPCRoutes applied to it', async () => {
    await kubectlOk(sim, ['apply', '-f', ROUTES]);
    scrape('vote-bot', 0);
    scrape('web-svc', 0);
    const bot = samples(scrape('vote-bot', 20), 'outbound_http_route_request_statuses_total').filter((s) => s.labels.parent_name === 'web-svc' && s.labels.route_name === 'web-vote');
    assert.ok(bot.length > 0, 'vote-bot\'s GET /api/vote takes web-vote');
    assert.deepEqual({ group: bot[0].labels.route_group, kind: bot[0].labels.route_kind, namespace: bot[0].labels.route_namespace }, { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'emojivoto' });
    // The series are new since the routes were applied: they count from zero, 6 rps for 20 s.
    assert.ok(Math.abs(sum(bot) - 120) <= bot.length, `${sum(bot)}`);
    const web = scrape('web-svc', 20);
    const grpc = samples(web, 'outbound_grpc_route_request_statuses_total');
    assert.deepEqual(new Set(grpc.map((s) => `${s.labels.route_kind}/${s.labels.route_name} ${s.labels.grpc_status}`)), new Set(['GRPCRoute/voting-grpc OK', 'GRPCRoute/voting-grpc UNKNOWN']));
    assert.ok(Math.abs(sum(grpc.filter((s) => s.labels.grpc_status === 'UNKNOWN')) / sum(grpc) - 0.2) < 0.05, 'voting fails 20% as gRPC Unknown');
    const emoji = samples(web, 'outbound_http_route_request_statuses_total').filter((s) => s.labels.parent_name === 'emoji-svc');
    assert.deepEqual(new Set(emoji.map((s) => `${s.labels.route_name} ${s.labels.http_status}`)), new Set(['http 200']), 'gRPC to a Service without GRPCRoutes is HTTP/2 to the proxy');
  });
});
