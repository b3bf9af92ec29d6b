import { strict as assert } from 'node:assert';
import type { AuthzRow, TrafficModel } from '../../../src/core/metrics/model';
import { formatLiveEffect, liveEffect } from '../../../src/core/policy/liveEffect';

const BOT = 'vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local';
const INGRESS = 'ingress-nginx.ingress-nginx.serviceaccount.identity.linkerd.cluster.local';
const node = (id: string, namespace: string) => ({ id, kind: 'Deployment', namespace, name: id.split('/').pop()!, meshedPods: 1, totalPods: 1, meshed: true, inbound: null });
const server = { kind: 'server', name: 'web-http' };
const route = { kind: 'default', name: 'default' };
const row = (over: Partial<AuthzRow>): AuthzRow => ({ destination: 'emojivoto/web', protocol: 'http', server, port: 8080, route, authorization: { kind: 'authorizationpolicy', name: 'web-authz' }, client: BOT, allowedRps: 0, deniedRps: 0, ...over });

// The rows as the proxies report them once web-http admits only its clients (cf. test/cluster/authz.test.ts).
const model: TrafficModel = {
  windowSeconds: 60,
  nodes: [node('emojivoto/web', 'emojivoto'), node('other/web', 'other')],
  edges: [],
  authorizations: [
    row({ allowedRps: 6 }),
    row({ client: INGRESS, allowedRps: 6.3 }),
    row({ client: null, authorization: null, deniedRps: 0.4 }),
    row({ destination: 'other/web', allowedRps: 100 }),
    row({ route: { kind: 'HTTPRoute', name: 'web-api' }, authorization: { kind: 'authorizationpolicy', name: 'api-authz' }, allowedRps: 2 }),
    row({ route: { kind: 'HTTPRoute', name: 'web-api' }, authorization: null, client: INGRESS, deniedRps: 1 }),
  ],
};

describe('live effect of a policy object (code lens numbers)', () => {
  it('a Server: everything its proxies admitted, from how many identities, and what it refused, in its namespace only', () => {
    const e = liveEffect(model, { kind: 'Server', namespace: 'emojivoto', name: 'web-http' });
    assert.deepEqual(e && { ...e, requests: { ...e.requests!, allowed: +e.requests!.allowed.toFixed(2) } }, { requests: { allowed: 14.3, denied: 1.4, audit: 0 }, identities: 2, unidentified: false });
    assert.equal(formatLiveEffect('web-http', e!), 'web-http: 14.3 rps allowed from 2 identities · 1.4 rps denied');
  });

  it('an AuthorizationPolicy: what it admitted, and the denials at its target', () => {
    const e = liveEffect(model, { kind: 'AuthorizationPolicy', namespace: 'emojivoto', name: 'web-authz', target: { kind: 'Server', name: 'web-http' } });
    assert.equal(formatLiveEffect('web-authz', e!), 'web-authz: 12.3 rps allowed from 2 identities · 1.4 rps denied');
    const onRoute = liveEffect(model, { kind: 'AuthorizationPolicy', namespace: 'emojivoto', name: 'api-authz', target: { kind: 'HTTPRoute', name: 'web-api' } });
    assert.equal(formatLiveEffect('api-authz', onRoute!), 'api-authz: 2.0 rps allowed from 1 identity · 1.0 rps denied');
  });

  it('an HTTPRoute: the requests that matched it', () => {
    const e = liveEffect(model, { kind: 'HTTPRoute', namespace: 'emojivoto', name: 'web-api' });
    assert.equal(formatLiveEffect('web-api', e!), 'web-api: 2.0 rps allowed from 1 identity · 1.0 rps denied');
  });

  it('names clients without an identity that a policy admitted', () => {
    const open: TrafficModel = { ...model, authorizations: [row({ client: null, allowedRps: 1.5, authorization: { kind: 'serverauthorization', name: 'web-public' } })] };
    const e = liveEffect(open, { kind: 'ServerAuthorization', namespace: 'emojivoto', name: 'web-public', target: { kind: 'Server', name: 'web-http' } });
    assert.equal(formatLiveEffect('web-public', e!), 'web-public: 1.5 rps allowed from clients without identity · 0.0 rps denied');
  });

  it('nothing for objects the proxies did not report, other kinds, or a model without authorization rows', () => {
    assert.equal(liveEffect(model, { kind: 'Server', namespace: 'emojivoto', name: 'voting-grpc' }), undefined);
    assert.equal(liveEffect(model, { kind: 'Server', namespace: 'elsewhere', name: 'web-http' }), undefined);
    // An authorization the proxies never named gets nothing, though its target refused requests.
    assert.equal(liveEffect(model, { kind: 'AuthorizationPolicy', namespace: 'emojivoto', name: 'web-http-from-clients', target: { kind: 'Server', name: 'web-http' } }), undefined);
    assert.equal(liveEffect(model, { kind: 'MeshTLSAuthentication', namespace: 'emojivoto', name: 'web-clients' }), undefined);
    assert.equal(liveEffect({ windowSeconds: 60, nodes: model.nodes, edges: [] }, { kind: 'Server', namespace: 'emojivoto', name: 'web-http' }), undefined);
  });

  it('counts connections in conn/s where Linkerd authorizes connections (an opaque Server), beside requests when both are counted', () => {
    const tcp = (over: Partial<AuthzRow>) => row({ protocol: 'tcp', server: { kind: 'server', name: 'db-tcp' }, port: 5432, route: null, ...over });
    const db: TrafficModel = { ...model, authorizations: [tcp({ allowedRps: 0.2, authorization: { kind: 'authorizationpolicy', name: 'db-clients' } }), tcp({ client: INGRESS, authorization: null, deniedRps: 0.5 }), tcp({ client: INGRESS, authorization: null, terminated: true, deniedRps: 0.03 })] };
    const e = liveEffect(db, { kind: 'Server', namespace: 'emojivoto', name: 'db-tcp' });
    assert.deepEqual(e, { connections: { allowed: 0.2, denied: 0.53, audit: 0 }, identities: 1, unidentified: false });
    assert.equal(formatLiveEffect('db-tcp', e!), 'db-tcp: 0.20 conn/s allowed from 1 identity · 0.53 conn/s denied');
    const policy = liveEffect(db, { kind: 'AuthorizationPolicy', namespace: 'emojivoto', name: 'db-clients', target: { kind: 'Server', name: 'db-tcp' } });
    assert.equal(formatLiveEffect('db-clients', policy!), 'db-clients: 0.20 conn/s allowed from 1 identity · 0.53 conn/s denied');
    // A Server whose port also carries traffic that is not HTTP counts both, each in its unit.
    const mixed: TrafficModel = { ...model, authorizations: [...model.authorizations!, row({ protocol: 'tcp', route: null, client: null, authorization: null, deniedRps: 0.5 })] };
    assert.equal(formatLiveEffect('web-http', liveEffect(mixed, { kind: 'Server', namespace: 'emojivoto', name: 'web-http' })!), 'web-http: 14.3 rps + 0.00 conn/s allowed from 2 identities · 1.4 rps + 0.50 conn/s denied');
    // Connections have no route: an HTTPRoute's lens never counts them.
    assert.equal(formatLiveEffect('web-api', liveEffect(mixed, { kind: 'HTTPRoute', namespace: 'emojivoto', name: 'web-api' })!), 'web-api: 2.0 rps allowed from 1 identity · 1.0 rps denied');
  });

  it('a Server in audit mode: requests admitted only by audit are "would be denied (audit)", apart from the allowed ones', () => {
    // As linkerd2-proxy counts them (linkerd/app/inbound/src/policy/http.rs): allowed, by the default authorization `audit`.
    const audited: TrafficModel = { ...model, authorizations: [row({ allowedRps: 6 }), row({ client: null, authorization: { kind: 'default', name: 'audit' }, allowedRps: 1.5 })] };
    const e = liveEffect(audited, { kind: 'Server', namespace: 'emojivoto', name: 'web-http' });
    assert.deepEqual(e, { requests: { allowed: 6, denied: 0, audit: 1.5 }, identities: 1, unidentified: false });
    assert.equal(formatLiveEffect('web-http', e!), 'web-http: 6.0 rps allowed from 1 identity · 0.0 rps denied · 1.5 rps would be denied (audit)');
  });
});
