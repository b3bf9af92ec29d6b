import { refusalOf } from '../../../src/core/metrics/authz';
import { formatAuthz } from '../../../src/core/metrics/format';
import { strict as assert } from 'node:assert';
import type { TrafficEdge, TrafficModel } from '../../../src/core/metrics/model';
import { prometheusModel } from '../../../src/core/metrics/prometheus';
import { exposition, fixtureModel, fixturePods } from './emojivoto';
import { PrometheusOracle } from './promOracle';

const fromProxies = (): Promise<TrafficModel> => fixtureModel();

async function fromPrometheus(): Promise<{ model: TrafficModel; oracle: PrometheusOracle }> {
  const oracle = new PrometheusOracle(60);
  const pods = fixturePods();
  for (const pod of pods.filter((p) => p.fixture)) for (const t of [0, 1] as const) oracle.ingest(pod, t, exposition(pod, t));
  return { model: await prometheusModel(oracle, pods, { windowSeconds: 60 }), oracle };
}

/** Float results agree to 12 significant digits: the sources sum and divide in different orders. */
function rounded(model: TrafficModel): unknown {
  return JSON.parse(JSON.stringify(model, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
}

function edge(model: TrafficModel, id: string): TrafficEdge {
  const e = model.edges.find((x) => x.id === id);
  assert.ok(e, `no edge ${id}; edges: ${model.edges.map((x) => x.id).join(', ')}`);
  return e;
}

const near = (actual: number | null, expected: number) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);
const id = (sa: string) => `${sa}.emojivoto.serviceaccount.identity.linkerd.cluster.local`;

describe('traffic sources on the emojivoto fixture', () => {
  it('give the same model from Prometheus and from the proxies', async () => {
    const proxies = await fromProxies();
    const { model: prometheus, oracle } = await fromPrometheus();
    // Three views of connections, responses and bucket rates (the three quantiles of a view share one query),
    // allowed, denied and route-not-found requests, allowed, denied and terminated connections, and four route
    // views of statuses and bucket rates.
    assert.equal(oracle.queries.length, 23);
    assert.equal(proxies.edges.length, 7);
    assert.deepEqual(rounded(prometheus), rounded(proxies));
  });

  describe('numbers computed by hand from the fixture', () => {
    let model: TrafficModel;
    before(async () => {
      model = await fromProxies();
    });

    it('web → voting: rate, success rate, latency quantiles, connections, identities', () => {
      const e = edge(model, 'emojivoto/Deployment/web -> emojivoto/Deployment/voting');
      assert.equal(e.requestsPerSecond, 660 / 60);
      assert.equal(e.successRate, 600 / 660);
      // Bucket increases: ≤1: 60, ≤5: 450, ≤10: 600, ≤20: 660.
      near(e.latencyMs.p50, 4 + (330 - 60) / (450 - 60));
      near(e.latencyMs.p95, 10 + (10 * 27) / 60);
      near(e.latencyMs.p99, 10 + (10 * 53.4) / 60);
      assert.equal(e.openConnections, 2);
      assert.deepEqual(e.mtls, { secured: true, noTlsReason: null });
      assert.equal(e.clientIdentity, id('web'));
      assert.equal(e.serverIdentity, id('voting'));
    });

    it('joins web\'s authorization counts to its callers: vote-bot allowed (but for requests no route matched), unmeshed clients denied', () => {
      assert.deepEqual(edge(model, 'emojivoto/Deployment/vote-bot -> emojivoto/Deployment/web').authz, { requests: { allowed: 300 / 60, denied: 60 / 60 } });
      assert.deepEqual(edge(model, 'emojivoto/UnmeshedClients/unmeshed -> emojivoto/Deployment/web').authz, { requests: { allowed: 0, denied: 90 / 60 } });
      const web = model.authorizations!.filter((r) => r.destination === 'emojivoto/Deployment/web');
      assert.deepEqual(web, [
        { destination: 'emojivoto/Deployment/web', protocol: 'http', server: { kind: 'server', name: 'web-http' }, port: 8080, route: { kind: '', name: '' }, client: id('vote-bot'), authorization: null, allowedRps: 0, deniedRps: 1 },
        { destination: 'emojivoto/Deployment/web', protocol: 'http', server: { kind: 'server', name: 'web-http' }, port: 8080, route: { kind: 'default', name: 'default' }, client: null, authorization: null, allowedRps: 0, deniedRps: 1.5 },
        { destination: 'emojivoto/Deployment/web', protocol: 'http', server: { kind: 'server', name: 'web-http' }, port: 8080, route: { kind: 'default', name: 'default' }, client: id('vote-bot'), authorization: { kind: 'authorizationpolicy', name: 'web-authz' }, allowedRps: 5, deniedRps: 0 },
      ]);
      // The reason of each row, in Linkerd's terms (linkerd2-proxy linkerd/app/inbound/src/policy/http.rs).
      assert.deepEqual(web.map(refusalOf), ['routeNotFound', 'unauthorized', undefined]);
      const defaultDeny = { ...web[1], server: { kind: 'default', name: 'deny' } };
      assert.equal(refusalOf(defaultDeny), 'defaultDeny');
      assert.match(formatAuthz(model, 'table'), /web-http\s+\(not found\)\s+-\s+vote-bot\.emojivoto\s+0\.0rps\s+1\.0rps/, '`meshaware authz` names the row of requests no route matched');
    });

    it('counts connections at db\'s opaque Server: voting admitted, web refused and its open connections terminated after a policy change', () => {
      const db = 'emojivoto/StatefulSet/db';
      const row = { destination: db, protocol: 'tcp', server: { kind: 'server', name: 'db-tcp' }, port: 5432, route: null };
      const admitted = { kind: 'authorizationpolicy', name: 'db-clients' };
      const rows = model.authorizations!.filter((r) => r.destination === db);
      assert.deepEqual(rows, [
        { ...row, authorization: admitted, client: id('voting'), allowedRps: 6 / 60, deniedRps: 0 },
        { ...row, authorization: null, client: id('web'), allowedRps: 0, deniedRps: 30 / 60 },
        { ...row, authorization: null, terminated: true, client: id('web'), allowedRps: 0, deniedRps: 3 / 60 },
        // What admitted web before the change: its counter no longer grows.
        { ...row, authorization: admitted, client: id('web'), allowedRps: 0, deniedRps: 0 },
      ]);
      // linkerd2-proxy linkerd/app/inbound/src/policy/tcp.rs: refused when it opens, or terminated when policy changes.
      assert.deepEqual(rows.map(refusalOf), [undefined, 'unauthorized', 'terminated', undefined]);
      assert.equal(refusalOf({ ...rows[1], server: { kind: 'default', name: 'deny' } }), 'defaultDeny', 'connections have no route, so never "route not found"');

      // voting's edge to db gets its connections beside its requests (voting sent no HTTP to db-tcp).
      assert.deepEqual(edge(model, 'emojivoto/Deployment/voting -> emojivoto/StatefulSet/db').authz, { connections: { allowed: 6 / 60, denied: 0 } });
      // web's refused connections were closed at once, so its own metrics show no edge: db's counts make it.
      const refused = edge(model, 'emojivoto/Deployment/web -> emojivoto/StatefulSet/db');
      assert.deepEqual([refused.requestsPerSecond, refused.successRate, refused.openConnections], [0, null, 0]);
      assert.deepEqual([refused.mtls, refused.clientIdentity, refused.serverIdentity], [{ secured: true, noTlsReason: null }, id('web'), id('db')]);
      assert.equal(refused.authz?.requests, undefined);
      assert.equal(refused.authz?.connections?.allowed, 0);
      near(refused.authz?.connections?.denied ?? null, 33 / 60);

      const table = formatAuthz(model, 'table');
      assert.match(table, /statefulset\/db\s+db-tcp\s+-\s+-\s+web\.emojivoto\s+0\.00conn\/s\s+0\.50conn\/s/, 'connections, in conn/s, with no route');
      assert.match(table, /statefulset\/db\s+db-tcp\s+-\s+\(terminated\)\s+web\.emojivoto\s+0\.00conn\/s\s+0\.05conn\/s/);
      const json = (JSON.parse(formatAuthz(model, 'json')) as { authorizations: Record<string, unknown>[] }).authorizations.filter((r) => (r.workload as { name: string }).name === 'db');
      assert.deepEqual(json[1], { namespace: 'emojivoto', workload: { kind: 'StatefulSet', name: 'db' }, protocol: 'tcp', server: { kind: 'server', name: 'db-tcp' }, port: 5432, route: null, authorization: null, audit: false, terminated: false, client: id('web'), allowedConnectionsPerSecond: 0, deniedConnectionsPerSecond: 0.5 });
      assert.ok(json.every((r) => !('allowedRps' in r)), 'connections are never called requests');
    });

    it('counts a response series that appeared between the scrapes from zero', () => {
      const e = edge(model, 'emojivoto/Deployment/web -> emojivoto/Deployment/emoji');
      near(e.requestsPerSecond, 1206 / 60);
      near(e.successRate, 1200 / 1206);
      near(e.latencyMs.p50, 1);
      near(e.latencyMs.p95, 1.9);
      near(e.latencyMs.p99, 1.98);
    });

    it('takes lower values after a proxy restart as counter resets', () => {
      const e = edge(model, 'emojivoto/Deployment/vote-bot -> emojivoto/Deployment/web');
      assert.equal(e.requestsPerSecond, 5);
      near(e.latencyMs.p50, 10);
      near(e.latencyMs.p95, 19);
      near(e.latencyMs.p99, 19.8);
    });

    it('follows a Deployment calling a StatefulSet', () => {
      const e = edge(model, 'emojivoto/Deployment/voting -> emojivoto/StatefulSet/db');
      assert.equal(e.requestsPerSecond, 1);
      near(e.latencyMs.p50, 2.5);
      assert.equal(model.nodes.find((n) => n.id === 'emojivoto/StatefulSet/db')?.meshedPods, 1);
    });

    it('marks an unmeshed destination with the reason the proxy gave', () => {
      const e = edge(model, 'emojivoto/Deployment/web -> legacy/Deployment/legacy');
      assert.deepEqual(e.mtls, { secured: false, noTlsReason: 'not_provided_by_service_discovery' });
      assert.equal(e.serverIdentity, null);
      assert.equal(e.requestsPerSecond, 2);
      near(e.latencyMs.p50, 45);
      const legacy = model.nodes.find((n) => n.id === 'legacy/Deployment/legacy');
      assert.deepEqual([legacy?.meshed, legacy?.meshedPods, legacy?.totalPods], [false, 0, 2]);
    });

    it('shows plaintext callers as an unmeshed caller node, without kubelet probes', () => {
      const e = edge(model, 'emojivoto/UnmeshedClients/unmeshed -> emojivoto/Deployment/web');
      assert.equal(e.requestsPerSecond, 4);
      near(e.latencyMs.p50, 75);
      near(e.latencyMs.p95, 97.5);
      near(e.latencyMs.p99, 99.5);
      assert.equal(e.openConnections, 1);
      assert.deepEqual(e.mtls, { secured: false, noTlsReason: 'no_tls_from_remote' });
      assert.equal(e.clientIdentity, null);
      assert.equal(model.nodes.find((n) => n.id === e.source)?.meshed, false);
    });

    it('gives each workload its inbound stats, probes included as viz stat does', () => {
      const web = model.nodes.find((n) => n.id === 'emojivoto/Deployment/web');
      assert.equal(web?.inbound?.requestsPerSecond, (300 + 240 + 12) / 60);
      assert.equal(web?.inbound?.successRate, 1);
      assert.equal(web?.inbound?.openConnections, 2);
      const tester = model.nodes.find((n) => n.id === 'emojivoto/Deployment/tester');
      assert.deepEqual([tester?.meshed, tester?.totalPods, tester?.inbound], [false, 1, null]);
    });

    it('gives per-route rows from the route families: the caller\'s GRPCRoute and the server\'s default route', () => {
      const routes = model.routes ?? [];
      const voting = routes.find((r) => r.direction === 'outbound' && r.route.name === 'voting-grpc');
      assert.ok(voting, JSON.stringify(routes));
      assert.equal(voting.workload, 'emojivoto/Deployment/web');
      assert.equal(voting.protocol, 'grpc');
      assert.deepEqual(voting.parent, { kind: 'Service', namespace: 'emojivoto', name: 'voting-svc', port: 8080 });
      assert.deepEqual(voting.route, { kind: 'GRPCRoute', namespace: 'emojivoto', name: 'voting-grpc' });
      assert.equal(voting.requestsPerSecond, 660 / 60);
      assert.equal(voting.successRate, 600 / 660);
      // Seconds buckets 0.05: 630, 0.5: 660, read in milliseconds.
      near(voting.latencyMs.p50, (50 * 330) / 630);
      near(voting.latencyMs.p99, 50 + (450 * (653.4 - 630)) / 30);
      const served = routes.find((r) => r.direction === 'inbound' && r.workload === 'emojivoto/Deployment/web');
      assert.ok(served);
      assert.deepEqual(served.parent, { kind: 'default', namespace: 'emojivoto', name: 'all-unauthenticated', port: 8080 });
      assert.deepEqual(served.route, { kind: 'default', namespace: '', name: 'default' });
      assert.equal(served.requestsPerSecond, 330 / 60);
      assert.equal(served.successRate, 300 / 330);
      near(served.latencyMs.p50, (25 * 165) / 300);
    });
  });
});
