import { strict as assert } from 'node:assert';
import { simAuthorize, type Meta } from '../../sim/linkerd/authz';
import { DECISION_TABLE, NS } from '../fixtures/policy/decisionTable';

/** The simulator's own decision, held to the same Linkerd-derived table as src/core/policy (test/unit/policy). */
function label(m: Meta | undefined): string | undefined {
  if (!m) return undefined;
  if (m[1] === 'default') return m[2] === 'default' ? 'default' : `default:${m[2]}`;
  return m[1] === 'server' || m[1] === 'HTTPRoute' ? m[2] : `${m[1]}:${m[2]}`;
}

describe('simulated proxy authorization (decision table derived from Linkerd)', () => {
  for (const c of DECISION_TABLE) {
    it(c.name, () => {
      const d = simAuthorize(c.objects, {
        namespace: NS,
        podLabels: { app: 'web', ...c.pod?.labels },
        podAnnotations: c.pod?.annotations ?? {},
        podPorts: [{ name: 'http', port: 8080 }],
        port: c.flow.port ?? 8080,
        identity: c.flow.identity,
        ip: c.flow.ip,
        http: c.flow.tcp ? undefined : { method: c.flow.method ?? 'GET', path: c.flow.path ?? '/' },
      }, c.defaultPolicy);
      const audit = d.authz?.[1] === 'default' && d.authz[2] === 'audit';
      assert.deepEqual(
        { verdict: d.outcome, server: label(d.server), route: label(d.route), authz: label(d.authz), audit },
        { verdict: c.expect.verdict, server: c.expect.server, route: c.expect.route, authz: c.expect.authz, audit: c.expect.audit ?? false },
      );
    });
  }
});
