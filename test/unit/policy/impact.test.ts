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

  describe('connections (opaque and TCP ports)', () => {
    const WEB = 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local';
    const VOTING = 'voting.emojivoto.serviceaccount.identity.linkerd.cluster.local';
    // `meshaware authz -o json` at db under the default policy: rows of connections, counted per second as such.
    const row = (client: string, allowed: number) => ({ namespace: 'emojivoto', workload: { kind: 'StatefulSet', name: 'db' }, protocol: 'tcp', server: { kind: 'default', name: 'all-unauthenticated' }, port: 5432, route: null, authorization: { kind: 'default', name: 'all-unauthenticated' }, audit: false, terminated: false, client, allowedConnectionsPerSecond: allowed, deniedConnectionsPerSecond: 0 });

    it('warns (MA501) in conn/s for connections an opaque Server would refuse, decided by Server and authorization with no route', () => {
      const { findings, result } = lintImpact([file('db.yaml'), file('db-policy.yaml')], { authorizations: [row(WEB, 0.5), row(VOTING, 0.1)] });
      assert.equal(result.evaluated, 2);
      assert.deepEqual(findings.map((f) => [f.code, f.uri]), [['MA501', 'db-policy.yaml']]);
      assert.match(findings[0].message, /^Would deny 0\.50 conn\/s that is allowed now: web\.emojivoto\.serviceaccount\.identity\.linkerd\.cluster\.local → statefulset\/db\.emojivoto:5432\. Denied: no authorization of Server db-tcp admits client web\.emojivoto\.serviceaccount\.identity\.linkerd\.cluster\.local\. Checked: AuthorizationPolicy db-authz\. Covers observed traffic only\.$/);
    });

    it('reports (MA502) refused connections the edited policy would admit', () => {
      const refused = { ...row(VOTING, 0), authorization: null, server: { kind: 'default', name: 'deny' }, deniedConnectionsPerSecond: 0.25 };
      const { findings } = lintImpact([file('db.yaml'), file('db-policy.yaml')], { authorizations: [refused] });
      assert.deepEqual(findings.map((f) => f.code), ['MA502']);
      assert.match(findings[0].message, /^Would allow 0\.25 conn\/s that is denied now: .* by AuthorizationPolicy db-authz\./);
    });

    it('evaluates a connection at a port that is not opaque by the Server\'s own authorizations: a route\'s do not apply to it', () => {
      // vote-bot's HTTP requests are admitted by an AuthorizationPolicy on an HTTPRoute; a connection that is not HTTP has no route.
      const route = `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web-api
  namespace: emojivoto
spec:
  parentRefs:
    - group: policy.linkerd.io
      kind: Server
      name: web-http
  rules:
    - matches:
        - path:
            value: /api
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: web-authz
  namespace: emojivoto
spec:
  targetRef:
    group: gateway.networking.k8s.io
    kind: HTTPRoute
    name: web-api
  requiredAuthenticationRefs:
    - group: policy.linkerd.io
      kind: MeshTLSAuthentication
      name: web-clients
`;
      const policy = { uri: 'policy.yaml', text: file('policy.yaml').text.replace(/---\napiVersion: policy.linkerd.io\/v1alpha1\nkind: AuthorizationPolicy[\s\S]*$/, route) };
      const at = (protocol: string, name: string | null) => ({ namespace: 'emojivoto', workload: { kind: 'Deployment', name: 'web' }, protocol, server: { kind: 'server', name: 'web-http' }, port: 8080, route: name && { kind: 'HTTPRoute', name }, authorization: { kind: 'authorizationpolicy', name: 'web-authz' }, client: BOT, allowedRps: 2, allowedConnectionsPerSecond: 0.1 });
      const { findings } = lintImpact([file('web.yaml'), policy], { authorizations: [at('http', 'web-api'), at('tcp', null)] });
      assert.deepEqual(findings.map((f) => f.code), ['MA501']);
      assert.match(findings[0].message, /^Would deny 0\.10 conn\/s that is allowed now: .*Server web-http has no authorizations/);
    });

    it('reads the connections of edges -o json as a flow of their own', () => {
      const edges = { edges: [{ source: { kind: 'Deployment', namespace: 'emojivoto', name: 'web' }, destination: { kind: 'StatefulSet', namespace: 'emojivoto', name: 'db' }, clientIdentity: WEB, requestsPerSecond: 0, allowedRps: null, deniedRps: null, allowedConnectionsPerSecond: 0.5, deniedConnectionsPerSecond: 0 }] };
      const { findings } = lintImpact([file('db.yaml'), file('db-policy.yaml')], edges);
      assert.deepEqual(findings.map((f) => f.code), ['MA501']);
      assert.match(findings[0].message, /^Would deny 0\.50 conn\/s that is allowed now: deployment\/web → statefulset\/db\.emojivoto:5432/);
    });
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

