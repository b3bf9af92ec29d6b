import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES } from '../../../src/core/lint/registry';
import { LintSession } from '../../../src/core/lint/session';
import { authorizationPolicy } from './policyYaml';
import { ruleFile } from './ruleFiles';

const server = (name: string, ns = 'emojivoto') => `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: web
  port: 8080
`;
const policy = (target: string) => authorizationPolicy(target);
const codes = (s: LintSession, uri: string) => s.findings(uri).map((f) => f.code);

const deployment = (app: string, label = app) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: emojivoto
spec:
  selector:
    matchLabels:
      app: ${label}
  template:
    metadata:
      labels:
        app: ${label}
    spec:
      containers:
        - name: ${app}
          image: example/${app}:1.0
          ports:
            - containerPort: 8080
`;

describe('LintSession', () => {
  it('keeps which Server selects which workload current as files change (overlaps come and go)', () => {
    const s = new LintSession({ severityOverrides: { MA307: 'off' } });
    s.setFile('web.yaml', deployment('web'));
    s.setFile('a.yaml', server('a'));
    s.setFile('b.yaml', server('b'));
    assert.deepEqual(codes(s, 'a.yaml'), ['MA306']);
    // Relabelling the pods moves them out from under both Servers: no overlap, and both select nothing.
    for (const uri of s.setFile('web.yaml', deployment('web', 'other'))) s.findings(uri);
    assert.deepEqual(codes(s, 'a.yaml'), ['MA303']);
    for (const uri of s.setFile('web.yaml', deployment('web'))) s.findings(uri);
    assert.deepEqual(codes(s, 'b.yaml'), ['MA306']);
    s.setFile('b.yaml', server('b').replace('port: 8080', 'port: 9090'));
    assert.deepEqual(codes(s, 'a.yaml'), []);
  });

  it('revalidates the files a change can affect, and their findings follow', () => {
    const s = new LintSession();
    assert.deepEqual(s.setFile('server.yaml', server('web')), ['server.yaml']);
    assert.deepEqual(codes(s, 'server.yaml'), ['MA307']);
    assert.deepEqual(s.setFile('policy.yaml', policy('web')).sort(), ['policy.yaml', 'server.yaml']);
    assert.deepEqual(codes(s, 'server.yaml'), []);
    assert.deepEqual(codes(s, 'policy.yaml'), []);
    // Renaming the Server breaks the policy's reference and leaves the Server unauthorized again.
    assert.deepEqual(s.setFile('server.yaml', server('web-v2')).sort(), ['policy.yaml', 'server.yaml']);
    assert.deepEqual(codes(s, 'policy.yaml'), ['MA301']);
    assert.deepEqual(codes(s, 'server.yaml'), ['MA307']);
  });

  it('leaves files in other namespaces alone', () => {
    const s = new LintSession();
    s.setFile('a.yaml', server('web'));
    s.setFile('b.yaml', server('api', 'books'));
    assert.deepEqual(s.setFile('a.yaml', server('web2')), ['a.yaml']);
  });

  it('reports nothing to do when the text is unchanged', () => {
    const s = new LintSession();
    s.setFile('a.yaml', server('web'));
    assert.deepEqual(s.setFile('a.yaml', server('web')), []);
  });

  it('on delete, revalidates the files that depended on the removed one', () => {
    const s = new LintSession();
    s.setFile('server.yaml', server('web'));
    s.setFile('policy.yaml', policy('web'));
    assert.deepEqual(s.deleteFile('server.yaml'), ['policy.yaml']);
    assert.deepEqual(codes(s, 'policy.yaml'), ['MA301']);
    assert.deepEqual(codes(s, 'server.yaml'), []);
    assert.equal(s.has('server.yaml'), false);
  });

  it('applies new options to every file', () => {
    const s = new LintSession();
    s.setFile('server.yaml', server('web'));
    assert.deepEqual(s.setOptions({ severityOverrides: { MA307: 'off' } }), ['server.yaml']);
    assert.deepEqual(codes(s, 'server.yaml'), []);
  });
});

describe('rules that read other files', () => {
  it('declare it, so a session recomputes them when other files change', () => {
    for (const rule of RULES) {
      const source = readFileSync(ruleFile(rule), 'utf8');
      assert.equal(rule.workspace === true, source.includes('ctx.workspace'), `${rule.code}: workspace flag and use of ctx.workspace disagree`);
    }
  });
});
