import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintImpact } from '../../../src/core/policy/impactLint';

const DIR = join(__dirname, '../../fixtures/policy/impact');
const file = (name: string) => ({ uri: name, text: readFileSync(join(DIR, name), 'utf8') });
const traffic = (name: string) => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as unknown;
const BOT = 'vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local';

describe('impact preview (lint --impact)', () => {
  it('warns (MA501) on the Server for observed requests the new policy would deny, and not for those it still admits', () => {
    const { findings, result } = lintImpact([file('web.yaml'), file('policy.yaml')], traffic('authz-before.json'));
    assert.deepEqual(findings.map((f) => [f.code, f.severity, f.uri, f.range.start.line]), [['MA501', 'warning', 'policy.yaml', 1]]);
    assert.match(findings[0].message, /Would deny 1\.5 rps that is allowed now: \(no mesh identity\) → deployment\/web\.emojivoto:8080\. Denied: no authorization of Server web-http admits an unauthenticated client.*Covers observed traffic only\./);
    assert.equal(result.unresolved.length, 1, 'the flow to a workload not in the files is skipped and counted');
  });

  it('says nothing when the edited policy decides as the proxies did', () => {
    const { findings } = lintImpact([file('web.yaml')], traffic('authz-before.json'));
    assert.deepEqual(findings, []);
  });

  it('reports (MA502) denied requests a policy would now allow, on the admitting authorization', () => {
    const denied = { authorizations: [{ namespace: 'emojivoto', workload: { kind: 'Deployment', name: 'web' }, server: { kind: 'server', name: 'web-http' }, port: 8080, route: { kind: 'default', name: 'default' }, authorization: null, client: BOT, allowedRps: 0, deniedRps: 4 }] };
    const { findings } = lintImpact([file('web.yaml'), file('policy.yaml')], denied);
    assert.deepEqual(findings.map((f) => f.code), ['MA502']);
    assert.match(findings[0].message, /Would allow 4\.0 rps that is denied now: .* by AuthorizationPolicy web-authz/);
    assert.equal(findings[0].range.start.line, readFileSync(join(DIR, 'policy.yaml'), 'utf8').split('\n').findIndex((l) => l === 'kind: AuthorizationPolicy') - 1);
  });

  it('reads edges -o json too, taking the workload\'s declared ports', () => {
    const edges = { edges: [{ source: { kind: 'UnmeshedClients', namespace: 'emojivoto', name: 'unmeshed' }, destination: { kind: 'Deployment', namespace: 'emojivoto', name: 'web' }, clientIdentity: null, requestsPerSecond: 1.5, allowedRps: null, deniedRps: null }] };
    const { findings } = lintImpact([file('web.yaml'), file('policy.yaml')], edges);
    assert.deepEqual(findings.map((f) => f.code), ['MA501']);
    assert.match(findings[0].message, /\(unmeshed clients\) → deployment\/web\.emojivoto:8080/);
  });

  it('refuses JSON that is neither export', () => {
    assert.throws(() => lintImpact([file('web.yaml')], { items: [] }), /authz -o json.*edges -o json/);
  });

  describe('audit mode (accessPolicy: audit)', () => {
    const audit = (text: string) => ({ uri: 'policy.yaml', text: text.replace('  port: http\n', '  port: http\n  accessPolicy: audit\n') });
    const before = traffic('authz-before.json') as { authorizations: { client: string | null }[] };

    it('previews the would-be denials (MA503) without any change to the cluster', () => {
      const { findings } = lintImpact([file('web.yaml'), audit(file('policy.yaml').text)], before);
      assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['MA503', 'info']]);
      assert.match(findings[0].message, /^1\.5 rps would be denied \(audit\): \(no mesh identity\) → deployment\/web\.emojivoto:8080\. Allowed only because Server web-http runs in audit mode.*Apply it to have the proxies confirm it on real traffic, denying nothing\./);
    });

    it('counts requests denied now as would-be denials too: audit mode admits them (MA503, not MA502)', () => {
      const deniedNow = { authorizations: [{ namespace: 'emojivoto', workload: { kind: 'Deployment', name: 'web' }, server: { kind: 'server', name: 'web-http' }, port: 8080, route: { kind: 'default', name: 'default' }, authorization: null, client: null, allowedRps: 0, deniedRps: 1.5 }] };
      const { findings } = lintImpact([file('web.yaml'), audit(file('policy.yaml').text)], deniedNow);
      assert.deepEqual(findings.map((f) => f.code), ['MA503']);
      assert.match(findings[0].message, /^1\.5 rps would be denied \(audit\)/);
    });

    it('says the proxies confirm it once they report the requests as admitted by audit', () => {
      // What the proxy reports in audit mode: allowed, authz_kind="default", authz_name="audit".
      const confirmed = { authorizations: before.authorizations.map((r) => (r.client === null ? { ...r, server: { kind: 'server', name: 'web-http' }, authorization: { kind: 'default', name: 'audit' } } : r)) };
      const { findings } = lintImpact([file('web.yaml'), audit(file('policy.yaml').text)], confirmed);
      assert.deepEqual(findings.map((f) => f.code), ['MA503']);
      assert.match(findings[0].message, /The proxies confirm it: they admitted these requests by audit mode\./);
      // Switching the Server from audit to deny turns the confirmed would-be denials into denials.
      const deny = lintImpact([file('web.yaml'), file('policy.yaml')], confirmed).findings;
      assert.deepEqual(deny.map((f) => f.code), ['MA501']);
      assert.match(deny[0].message, /The proxies confirm it/);
    });
  });
});

