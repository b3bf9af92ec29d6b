import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../../src/core/text/lineIndex';
import { lintFiles } from '../../../src/core/lint/engine';
import { authorizationPolicy, meshTLSAuthentication, server } from './policyYaml';

const SERVER = server('8080');
const AUTHN = meshTLSAuthentication('web-clients');
const policy = (target: string, authn: string) => authorizationPolicy(target, [{ kind: 'MeshTLSAuthentication', name: authn }]);

function lint(policyText: string) {
  return lintFiles([
    { uri: 'server.yaml', text: SERVER },
    { uri: 'authn.yaml', text: AUTHN },
    { uri: 'policy.yaml', text: policyText },
  ]).filter((f) => f.uri === 'policy.yaml' && f.code === 'MA301');
}

describe('unresolved references (MA301): severity by consequence, and did-you-mean', () => {
  it('a missing authentication is an error (Linkerd skips the whole policy), a missing target stays a warning', () => {
    // policy-controller/k8s/index/src/inbound/index.rs: policy_client_authz fails on a missing
    // MeshTLSAuthentication/NetworkAuthentication and client_authzs logs "Illegal AuthorizationPolicy; ignoring".
    const findings = lint(policy('web-grpc', 'voting-clients'));
    assert.deepEqual(
      findings.map((f) => [f.range.start.line + 1, f.severity]),
      [
        [10, 'warning'],
        [14, 'error'],
      ],
    );
    assert.match(findings[1].message, /stays denied/);
    assert.ok(!/Did you mean/.test(findings[0].message), 'web-grpc is not a near miss of web-http');
  });

  it('a required ServiceAccount that does not exist is an error too, and does not claim the policy is ignored', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: emojivoto
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { serviceAccountName: web, containers: [{ name: web, image: web }] }
`;
    const findings = lintFiles([
      { uri: 'server.yaml', text: SERVER },
      { uri: 'deploy.yaml', text: deployment },
      { uri: 'policy.yaml', text: authorizationPolicy('web-http', [{ kind: 'ServiceAccount', group: '""', name: 'vote-bot' }]) },
    ]).filter((f) => f.code === 'MA301');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /no client presents its identity/);
  });

  it('a severity setting for the code still wins over the per-finding error', () => {
    const findings = lintFiles([{ uri: 'policy.yaml', text: policy('web-http', 'nope') }], { severityOverrides: { MA301: 'info' } });
    assert.deepEqual(findings.filter((f) => f.code === 'MA301').map((f) => f.severity), ['info', 'info']);
  });

  it('suggests the closest name of the same kind and namespace, and the fix rewrites only the differing characters', () => {
    const text = policy('"web-htp"', 'web-client # the clients');
    const [target, authn] = lint(text);
    assert.match(target.message, /Did you mean 'web-http'\?/);
    assert.match(authn.message, /Did you mean 'web-clients'\?/);
    assert.equal(target.fix?.title, "Change to 'web-http'");
    assert.equal(target.fix?.edits.length, 1);
    assert.deepEqual(
      { ...target.fix!.edits[0], text: text.slice(target.fix!.edits[0].start, target.fix!.edits[0].end) },
      { start: text.indexOf('web-htp"') + 'web-ht'.length, end: text.indexOf('web-htp"') + 'web-ht'.length, newText: 't', text: '' },
    );
    const fixed = applyEdits(applyEdits(text, authn.fix!.edits), target.fix!.edits);
    assert.equal(fixed, policy('"web-http"', 'web-clients # the clients'));
    assert.deepEqual(lint(fixed), []);
  });

  it('offers nothing for names far from every candidate, or of another kind', () => {
    const [target] = lint(policy('web-clients-x', 'web-clients'));
    assert.ok(!/Did you mean/.test(target.message), target.message);
    assert.equal(target.fix, undefined);
  });
});

describe('did-you-mean in the Server checks (MA303 labels, MA304 port names)', () => {
  const fixture = (code: string) => readFileSync(join(__dirname, `../../fixtures/lint/${code}/bad.yaml`), 'utf8');
  it('suggests the label value a pod of the namespace carries', () => {
    const [f] = lintFiles([{ uri: 'bad.yaml', text: fixture('MA303') }]).filter((x) => x.code === 'MA303');
    assert.match(f.message, /Did you mean 'web'\?/);
    assert.equal(f.fix?.title, "Change to 'web'");
  });
  it('suggests the declared port name', () => {
    const found = lintFiles([{ uri: 'bad.yaml', text: fixture('MA304') }]).filter((x) => x.code === 'MA304');
    assert.deepEqual(found.map((x) => /Did you mean '([^']+)'/.exec(x.message)?.[1]), [undefined, 'http']);
  });
});
