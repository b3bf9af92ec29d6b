import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Pod } from '../../sim/cluster/podTypes';
import { isReady } from '../../sim/cluster/workloads';
import { proxyMetrics } from '../../sim/linkerd/metrics';
import { startSimulator, until, type Simulator } from '../../sim/simulator';
import { kubectlOk, requireKubectl } from './kubectl';
import { samples, sum } from './samples';

const POLICY = join(__dirname, '../fixtures/policy/emojivoto-web-policy.yaml');
const OPAQUE = join(__dirname, '../fixtures/policy/emojivoto-voting-opaque.yaml');
const VOTE_BOT = 'vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local';
const WEB = 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local';

describe('simulated proxy authorization metrics', function () {
  this.timeout(60_000);
  let sim: Simulator;
  // The sample workspace runs web with two replicas; the scenario's rates are the workload's, split between them.
  const podsOf = (app: string) => sim.api.list(sim.api.typeOf('Pod'), 'emojivoto').filter((p) => p.metadata.labels?.app === app) as Pod[];
  const webPods = () => podsOf('web-svc');
  let t = Date.now();
  /** A scrape of every proxy of `app` (web by default) `seconds` after the previous one. */
  const scrape = (seconds: number, app = 'web-svc') => {
    t += seconds * 1000;
    return podsOf(app).map((pod) => proxyMetrics(pod, { ...sim.traffic.context(), now: new Date(t) }));
  };

  before(async () => {
    requireKubectl();
    sim = await startSimulator({ linkerd: 'installed', readinessDelayMs: 20 });
    const running = (namespace: string, app: string) => sim.api.list(sim.api.typeOf('Pod'), namespace).some((p) => p.metadata.labels?.app === app && isReady(p as Pod));
    await until(sim.api, () => running('emojivoto', 'web-svc') && running('emojivoto', 'vote-bot') && running('legacy', 'legacy-client'));
  });
  after(() => sim?.close());

  it('allows everyone under the default policy, labelled as Linkerd 2.20 labels it', () => {
    scrape(0);
    const text = scrape(10);
    const allow = samples(text, 'inbound_http_authz_allow_total');
    const legacies = allow.filter((s) => s.labels.tls === 'no_identity');
    const legacy = legacies[0];
    assert.deepEqual(legacy.order, ['target_addr', 'target_ip', 'target_port', 'srv_group', 'srv_kind', 'srv_name', 'srv_port', 'route_group', 'route_kind', 'route_name', 'authz_group', 'authz_kind', 'authz_name', 'tls', 'no_tls_reason']);
    assert.equal(legacy.labels.srv_kind, 'default');
    assert.equal(legacy.labels.srv_name, 'all-unauthenticated');
    assert.equal(legacy.labels.authz_name, 'all-unauthenticated');
    // Counters are whole requests: each proxy's share may round down by one.
    assert.ok(Math.abs(sum(legacies) - 15) < legacies.length, `1.5 rps for 10 s: ${sum(legacies)}`);
    assert.equal(samples(text, 'inbound_http_authz_deny_total').length, 0);
  });

  it('denies the unmeshed client once a policy admits only vote-bot, and keeps counters monotonic', async () => {
    const before = sum(samples(scrape(0), 'inbound_http_authz_allow_total').filter((s) => s.labels.tls === 'no_identity'));
    await kubectlOk(sim, ['apply', '-f', POLICY]);
    scrape(0);
    const text = scrape(20);
    const deny = samples(text, 'inbound_http_authz_deny_total');
    assert.equal(deny.length, webPods().length, 'one series per web proxy');
    assert.deepEqual(deny[0].labels, { ...deny[0].labels, srv_group: 'policy.linkerd.io', srv_kind: 'server', srv_name: 'web-http', srv_port: '8080', route_kind: 'default', route_name: 'default', tls: 'no_identity', no_tls_reason: 'no_tls_from_remote' });
    assert.equal(sum(deny), 30, '1.5 rps for 20 s');
    assert.ok(!('authz_name' in deny[0].labels));
    const allow = samples(text, 'inbound_http_authz_allow_total');
    const bot = allow.filter((s) => s.labels.client_id === VOTE_BOT && s.labels.authz_kind === 'authorizationpolicy');
    assert.deepEqual(new Set(bot.map((s) => s.labels.authz_name)), new Set(['web-authz']));
    assert.equal(sum(bot), 120, '6 rps for 20 s');
    const frozen = allow.filter((s) => s.labels.tls === 'no_identity');
    assert.equal(sum(frozen), before, 'the old allow series stay, no longer growing');
  });

  it('refuses web\'s connections at an opaque Server: counted per connection at voting, with no requests on either side', async () => {
    await kubectlOk(sim, ['apply', '-f', OPAQUE]);
    scrape(0, 'voting-svc');
    const voting = scrape(20, 'voting-svc');
    const web = scrape(0);
    const deny = samples(voting, 'inbound_tcp_authz_deny_total');
    assert.equal(deny.length, 1, 'one series: web\'s identity at voting-grpc');
    // linkerd2-proxy inbound/src/metrics/authz.rs: target_addr, then the Server (ServerLabel), then tls and client_id.
    assert.deepEqual(deny[0].order, ['target_addr', 'target_ip', 'target_port', 'srv_group', 'srv_kind', 'srv_name', 'srv_port', 'tls', 'client_id']);
    assert.deepEqual(deny[0].labels, { ...deny[0].labels, srv_group: 'policy.linkerd.io', srv_kind: 'server', srv_name: 'voting-grpc', srv_port: '8080', tls: 'true', client_id: WEB });
    assert.equal(sum(deny), 40, 'two web pods reconnecting every second, for 20 s');
    assert.equal(samples(voting, 'inbound_tcp_authz_allow_total').length, 0);
    const fromWeb = (name: string, texts: string[]) => samples(texts, name).filter((x) => x.labels.client_id === WEB || x.labels.dst_deployment === 'voting');
    // An opaque port carries bytes, not requests; a refused connection never reaches the server's transport metrics.
    assert.deepEqual(fromWeb('response_total', voting), []);
    assert.deepEqual(fromWeb('tcp_open_connections', voting), []);
    // web, the caller: no requests to voting, and its connections are closed as soon as they open.
    assert.deepEqual(fromWeb('response_total', web), []);
    assert.deepEqual(fromWeb('tcp_open_connections', web).map((x) => x.value), [0, 0]);
    assert.ok(fromWeb('tcp_open_total', web).every((x) => x.value > 0), 'but it keeps opening them');
    assert.deepEqual(samples(web, 'outbound_grpc_route_request_statuses_total').filter((x) => x.labels.parent_name === 'voting-svc'), [], 'no routes to an opaque port');
  });

  it('counts the open connections a policy change stops admitting as terminated, once, at the Server that refuses them', async () => {
    const clients = (name: string) => ['patch', 'meshtlsauthentication', 'voting-clients', '-n', 'emojivoto', '--type', 'merge', '-p', JSON.stringify({ spec: { identityRefs: [{ kind: 'ServiceAccount', name }] } })];
    await kubectlOk(sim, clients('web'));
    scrape(0, 'voting-svc');
    // Admitted connections are recycled every 30 s: a minute shows them opening.
    const admitted = scrape(60, 'voting-svc');
    assert.ok(sum(samples(admitted, 'inbound_tcp_authz_allow_total').filter((x) => x.labels.client_id === WEB)) > 0, 'web connects while admitted');
    assert.deepEqual(samples(admitted, 'inbound_tcp_authz_terminate_total'), []);
    await kubectlOk(sim, clients('vote-bot'));
    const refused = scrape(10, 'voting-svc');
    const terminated = samples(refused, 'inbound_tcp_authz_terminate_total');
    // linkerd2-proxy inbound/src/metrics/authz.rs keys terminations like denials: target, Server, tls.
    assert.deepEqual(terminated.map((x) => x.order), [['target_addr', 'target_ip', 'target_port', 'srv_group', 'srv_kind', 'srv_name', 'srv_port', 'tls', 'client_id']]);
    assert.deepEqual(terminated[0].labels, { ...terminated[0].labels, srv_kind: 'server', srv_name: 'voting-grpc', client_id: WEB });
    assert.equal(sum(terminated), webPods().length, 'each web pod held one connection open');
    assert.equal(sum(samples(scrape(10, 'voting-svc'), 'inbound_tcp_authz_terminate_total')), webPods().length, 'counted once, not per scrape');
  });
});
