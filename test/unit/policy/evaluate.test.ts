import { strict as assert } from 'node:assert';
import { PolicySet } from '../../../src/core/policy/compile';
import { DEFAULT_SETTINGS } from '../../../src/core/policy/defaults';
import { PolicyEvaluator } from '../../../src/core/policy/evaluate';
import type { Decision, PolicyRef } from '../../../src/core/policy/types';
import { DECISION_TABLE, NS, type TableCase } from '../../fixtures/policy/decisionTable';

function label(ref: PolicyRef | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.kind === 'default') return ref.name === 'default' ? 'default' : `default:${ref.name}`;
  return ref.kind === 'server' || ref.kind === 'HTTPRoute' ? ref.name : `${ref.kind}:${ref.name}`;
}

export function evaluateCase(c: TableCase): Decision {
  const set = new PolicySet(c.objects, { ...DEFAULT_SETTINGS, defaultPolicy: c.defaultPolicy ?? DEFAULT_SETTINGS.defaultPolicy });
  const evaluator = new PolicyEvaluator(set);
  return evaluator.evaluate({
    clientIdentity: c.flow.identity,
    clientIp: c.flow.ip,
    destination: { namespace: NS, kind: 'Deployment', name: 'web', labels: { app: 'web', ...c.pod?.labels }, annotations: c.pod?.annotations ?? {}, ports: [{ name: 'http', port: 8080 }] },
    port: c.flow.port ?? 8080,
    http: c.flow.tcp ? undefined : { method: c.flow.method ?? 'GET', path: c.flow.path ?? '/' },
  });
}

describe('inbound policy evaluation (table derived from Linkerd\'s policy index and proxy)', () => {
  for (const c of DECISION_TABLE) {
    it(c.name, () => {
      const d = evaluateCase(c);
      assert.deepEqual(
        { verdict: d.verdict, server: label(d.server), route: label(d.route), authz: label(d.authorization), audit: d.audit },
        { verdict: c.expect.verdict, server: c.expect.server, route: c.expect.route, authz: c.expect.authz, audit: c.expect.audit ?? false },
        d.reason,
      );
    });
  }

  it('names the ignored policy and the missing authentication when it denies (linkerd2#13166)', () => {
    const c = DECISION_TABLE.find((x) => x.name.startsWith('a misspelled MeshTLSAuthentication'))!;
    const d = evaluateCase(c);
    assert.match(d.reason, /AuthorizationPolicy web-authz is ignored: MeshTLSAuthentication ns\/web-authm does not exist/);
  });

  it('says an audit admission would otherwise be a denial', () => {
    const d = evaluateCase(DECISION_TABLE.find((x) => x.name.startsWith('Server accessPolicy audit'))!);
    assert.match(d.reason, /audit mode.*would be denied/);
  });
});
