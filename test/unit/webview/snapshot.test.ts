import { strict as assert } from 'node:assert';
import { UNMESHED_CALLERS_KIND, type TrafficModel } from '../../../src/core/metrics/model';
import { toSnapshot } from '../../../src/editor/traffic/snapshot';
import { isSnapshot } from '../../../src/shared/trafficProtocol';

describe('metrics model to panel snapshot', () => {
  const stats = { requestsPerSecond: 2, successRate: 0.5, openConnections: 1 };
  const model: TrafficModel = {
    windowSeconds: 10,
    nodes: [
      { id: 'a/Deployment/web', kind: 'Deployment', namespace: 'a', name: 'web', meshedPods: 1, totalPods: 1, meshed: true, inbound: null },
      { id: 'a/Deployment/db', kind: 'Deployment', namespace: 'a', name: 'db', meshedPods: 0, totalPods: 2, meshed: false, inbound: null },
      { id: `a/${UNMESHED_CALLERS_KIND}/unmeshed`, kind: UNMESHED_CALLERS_KIND, namespace: 'a', name: 'unmeshed', meshedPods: 0, totalPods: 0, meshed: false, inbound: null },
    ],
    edges: [
      { id: 'e1', source: 'a/Deployment/web', destination: 'a/Deployment/db', ...stats, latencyMs: { p50: null, p95: null, p99: null }, mtls: { secured: false, noTlsReason: null }, clientIdentity: 'web.a', serverIdentity: null },
      { id: 'e2', source: 'a/Deployment/db', destination: 'a/Deployment/web', ...stats, latencyMs: { p50: 1, p95: 5, p99: null }, mtls: { secured: true, noTlsReason: null }, clientIdentity: null, serverIdentity: 'web.a' },
    ],
  };

  it('keeps the numbers, and never shows an unsecured edge as secured', () => {
    const s = toSnapshot({ model, source: 'proxies', origin: '2 proxies', unread: [], meshedPods: 1 }, 'kind-x', 1234);
    assert.ok(isSnapshot(s), 'the snapshot passes the page-side protocol check');
    assert.equal(s.edges[0].target, 'a/Deployment/db');
    assert.equal(s.edges[0].noTlsReason, 'unknown', 'insecure without a reported reason is still insecure');
    assert.equal(s.edges[0].latencyMs, null);
    assert.equal(s.edges[0].serverIdentity, undefined);
    assert.equal(s.edges[1].noTlsReason, '');
    assert.deepEqual(s.edges[1].latencyMs, { p50: 1, p95: 5, p99: null });
    assert.equal(s.nodes[1].meshed, false);
    assert.deepEqual(s.nodes.map((n) => n.aggregate), [undefined, undefined, true], 'only the unmeshed-callers node has no manifest');
    assert.equal(s.origin, '2 proxies');
    assert.equal(s.gaps, undefined);
  });

  it('carries allowed and denied rates per edge, and each authorization row with the reason for a refusal', () => {
    const srv = { kind: 'server', name: 'web-http' };
    const withAuthz: TrafficModel = {
      ...model,
      edges: [{ ...model.edges[0], authz: { requests: { allowed: 1, denied: 0.5 } } }, model.edges[1]],
      authorizations: [
        { destination: 'a/Deployment/db', protocol: 'http', server: srv, port: 80, route: { kind: '', name: '' }, authorization: null, client: 'web.a', allowedRps: 0, deniedRps: 0.25 },
        { destination: 'a/Deployment/db', protocol: 'http', server: srv, port: 80, route: { kind: 'HTTPRoute', name: 'r' }, authorization: null, client: 'web.a', allowedRps: 0, deniedRps: 0.25 },
        { destination: 'a/Deployment/db', protocol: 'http', server: { kind: 'default', name: 'deny' }, port: 81, route: { kind: 'default', name: 'default' }, authorization: null, client: null, allowedRps: 0, deniedRps: 2 },
        { destination: 'a/Deployment/db', protocol: 'http', server: srv, port: 80, route: { kind: 'HTTPRoute', name: 'r' }, authorization: { kind: 'authorizationpolicy', name: 'p' }, client: 'web.a', allowedRps: 1, deniedRps: 0 },
      ],
    };
    const s = toSnapshot({ model: withAuthz, source: 'proxies', origin: '2 proxies', unread: [], meshedPods: 1 }, 'kind-x', 1);
    assert.ok(isSnapshot(s));
    assert.deepEqual([s.edges[0].allowedRps, s.edges[0].deniedRps, s.edges[1].deniedRps], [1, 0.5, undefined], 'no numbers where the proxies counted none');
    assert.deepEqual(s.authorizations!.map((r) => [r.refusal, r.route?.name ?? null]), [['routeNotFound', null], ['unauthorized', 'r'], ['defaultDeny', 'default'], [undefined, 'r']]);
    assert.equal(toSnapshot({ model, source: 'proxies', origin: '', unread: [], meshedPods: 1 }, 'kind-x', 1).authorizations, undefined);
  });

  it('carries connections apart from requests: per edge, and rows of connections with no route, refused or terminated', () => {
    const srv = { kind: 'server', name: 'db-tcp' };
    const tcp = { destination: 'a/Deployment/db', protocol: 'tcp' as const, server: srv, port: 5432, route: null, client: 'web.a', allowedRps: 0 };
    const withTcp: TrafficModel = {
      ...model,
      edges: [{ ...model.edges[0], authz: { requests: { allowed: 1, denied: 0 }, connections: { allowed: 0, denied: 0.5 } } }, model.edges[1]],
      authorizations: [{ ...tcp, authorization: null, deniedRps: 0.5 }, { ...tcp, authorization: null, terminated: true, deniedRps: 0.05 }],
    };
    const s = toSnapshot({ model: withTcp, source: 'proxies', origin: '2 proxies', unread: [], meshedPods: 1 }, 'kind-x', 1);
    assert.ok(isSnapshot(s));
    assert.deepEqual([s.edges[0].allowedRps, s.edges[0].deniedRps, s.edges[0].allowedCps, s.edges[0].deniedCps], [1, 0, 0, 0.5]);
    assert.deepEqual([s.edges[1].allowedCps, s.edges[1].deniedCps], [undefined, undefined]);
    assert.deepEqual(s.authorizations!.map((r) => [r.protocol, r.route, r.refusal]), [['tcp', null, 'unauthorized'], ['tcp', null, 'terminated']]);
  });

  it('carries the proxies that could not be read, counted on their workload, with why and what to grant', () => {
    const unread = [
      { namespace: 'a', name: 'web-1', workload: 'a/Deployment/web', kind: 'refused' as const, reason: 'Forbidden: you may not get pods/proxy' },
      { namespace: 'a', name: 'web-2', workload: 'a/Deployment/web', kind: 'timeout' as const, reason: 'did not answer within 5 s' },
    ];
    const s = toSnapshot({ model, source: 'proxies', origin: '1 proxies', unread, meshedPods: 3 }, 'kind-x', 1234);
    assert.ok(isSnapshot(s));
    assert.equal(s.nodes.find((n) => n.id === 'a/Deployment/web')?.unreadPods, 2);
    assert.equal(s.nodes.find((n) => n.id === 'a/Deployment/db')?.unreadPods, undefined);
    assert.match(s.gaps?.summary ?? '', /2 of 3 meshed pods/);
    assert.match(s.gaps?.hint ?? '', /get on pods\/proxy/);
    assert.deepEqual(s.gaps?.pods.map((p) => p.name), ['web-1', 'web-2']);
  });
});
