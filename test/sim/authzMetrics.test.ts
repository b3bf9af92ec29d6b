import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Pod } from '../../sim/cluster/podTypes';
import { isReady } from '../../sim/cluster/workloads';
import { proxyMetrics } from '../../sim/linkerd/metrics';
import { startSimulator, until, type Simulator } from '../../sim/simulator';
import { kubectlOk, requireKubectl } from './kubectl';
import { samples, sum } from './samples';

const POLICY = join(__dirname, '../fixtures/policy/emojivoto-web-policy.yaml');
const VOTE_BOT = 'vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local';

describe('simulated proxy authorization metrics', function () {
  this.timeout(60_000);
  let sim: Simulator;
  // The sample workspace runs web with two replicas; the scenario's rates are the workload's, split between them.
  const webPods = () => sim.api.list(sim.api.typeOf('Pod'), 'emojivoto').filter((p) => p.metadata.labels?.app === 'web-svc') as Pod[];
  let t = Date.now();
  /** A scrape of every web proxy `seconds` after the previous one. */
  const scrape = (seconds: number) => {
    t += seconds * 1000;
    return webPods().map((pod) => proxyMetrics(pod, { ...sim.traffic.context(), now: new Date(t) }));
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
});
