import { strict as assert } from 'node:assert';
import { assembleModel } from '../../../src/core/metrics/assemble';
import type { PodMeta } from '../../../src/core/metrics/model';
import { mapQueries, trafficQueries, type TrafficQueries, type Vector } from '../../../src/core/metrics/queries';

const id = (sa: string) => `${sa}.shop.serviceaccount.identity.linkerd.cluster.local`;
const pod = (name: string, sa: string): PodMeta => ({ namespace: 'shop', name: `${name}-0`, labels: {}, owner: { kind: 'Deployment', name }, meshed: true, identity: id(sa) });
// db's proxy refusing connections at its opaque Server, as inbound_tcp_authz_deny_total labels them (queries.ts AUTHZ_FAMILIES).
const denied = (client: string | null, count: number) => ({
  labels: { namespace: 'shop', deployment: 'db', srv_kind: 'server', srv_name: 'db-tcp', srv_port: '5432', ...(client ? { tls: 'true', client_id: client } : { tls: 'no_identity' }) },
  value: count,
});

async function model(deny: Vector, pods: PodMeta[]) {
  const empty = await mapQueries(trafficQueries(60), (): Vector => []);
  const results: TrafficQueries<Vector> = { ...empty, authz: { ...empty.authz, tcpDeny: deny } };
  return assembleModel(results, [pod('db', 'db'), ...pods], 60);
}

describe('edges of refused connections (a caller whose own metrics show none)', () => {
  it('are made from the destination\'s count when the client\'s identity is one workload\'s, with no traffic of their own', async () => {
    const m = await model([denied(id('cart'), 30)], [pod('cart', 'cart')]);
    assert.deepEqual(m.edges.map((e) => [e.id, e.requestsPerSecond, e.openConnections, e.mtls.secured, e.clientIdentity, e.serverIdentity, e.authz]), [
      ['shop/Deployment/cart -> shop/Deployment/db', 0, 0, true, id('cart'), id('db'), { connections: { allowed: 0, denied: 0.5 } }],
    ]);
  });

  it('come from the unmeshed callers for clients without an identity', async () => {
    const m = await model([denied(null, 6)], []);
    assert.deepEqual(m.edges.map((e) => [e.source, e.destination, e.mtls, e.authz]), [['shop/UnmeshedClients/unmeshed', 'shop/Deployment/db', { secured: false, noTlsReason: 'no_tls_from_remote' }, { connections: { allowed: 0, denied: 0.1 } }]]);
    assert.equal(m.nodes.find((n) => n.id === 'shop/UnmeshedClients/unmeshed')?.meshed, false);
  });

  it('are not made when several workloads run as the identity: it does not say which of them called', async () => {
    const m = await model([denied(id('default'), 30)], [pod('cart', 'default'), pod('orders', 'default')]);
    assert.deepEqual(m.edges, []);
    assert.equal(m.authorizations?.length, 1, 'the refusal is still in the rows');
  });
});
