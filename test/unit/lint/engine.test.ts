import assert from 'node:assert/strict';
import { lintFiles } from '../../../src/core/lint/engine';
import { RULES } from '../../../src/core/lint/registry';
import type { Rule } from '../../../src/core/lint/rule';
import { lintText, located } from './fixtureSupport';
import { server } from './policyYaml';

const badServer = (name: string, port: string) => server(port).replace('  name: web-http\n', `  name: ${name}\n`);

describe('lint engine', () => {
  describe('bad input', () => {
    it('reports one located syntax finding per broken document and still lints the others', () => {
      const text = `${badServer('a', '0')}---\nkind: Server\nspec: {port: [1\n---\n${badServer('b', '70000')}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  x: "unterminated\n---\n${badServer('c', '80')}`;
      const codes = located(lintText(text));
      assert.deepEqual(codes.filter((c) => c.endsWith('MA001')).length, 2);
      assert.deepEqual(codes.filter((c) => c.endsWith('MA201')).length, 2);
    });

    it('bounds alias bombs: reported once, quickly, without expanding', () => {
      const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 12; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
      const text = `apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata: {name: bomb, namespace: x}\nbomb:\n${levels.map((l) => `  ${l}`).join('\n')}\nspec:\n  networks: [{cidr: "10.0.0.0/8", except: *l}]\n---\n${badServer('after', '0')}`;
      const started = performance.now();
      const findings = lintText(text);
      assert.ok(performance.now() - started < 5000, 'alias expansion must stay bounded');
      assert.deepEqual(findings.map((f) => f.code), ['MA004', 'MA201']);
    });

    it('skips files over the size limit with one info finding', () => {
      const findings = lintFiles([{ uri: 'big.yaml', text: badServer('a', '0') + '#'.repeat(2000) }], { maxFileSize: 1000 });
      assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['MA003', 'info']]);
    });

    it('skips a 10 MB file under the default limit without parsing it', () => {
      const text = badServer('x', '0').padEnd(10_000_000, '#');
      assert.deepEqual(lintFiles([{ uri: 'huge.yaml', text }]).map((f) => f.code), ['MA003']);
    });

    const quiet: [string, string][] = [
      ['a Helm template', `apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  port: {{ .Values.port }}\n`],
      ['a GitHub workflow', `name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n`],
      ['a docker-compose file', `services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    labels:\n      linkerd.io/inject: yes\n`],
      ['an OpenAPI document', `openapi: 3.0.0\ninfo: {title: api, version: "1"}\npaths:\n  /health:\n    get:\n      responses:\n        "200": {description: ok}\n`],
      ['an empty file', ''],
      ['a valid Gateway API route for another gateway', `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  parentRefs: [{name: public-gw}]\n  rules:\n    - matches: [{path: {value: /x}}]\n      filters: [{type: URLRewrite, urlRewrite: {hostname: a.example}}]\n`],
    ];
    for (const [what, text] of quiet) {
      it(`reports nothing on ${what}`, () => assert.deepEqual(lintText(text), []));
    }

    it('says once that a binary file is not text, with or without NUL bytes, and does not parse it', () => {
      const noise = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(1 + ((i * 7919) % 30))).join('');
      for (const text of [`\u0000\u0001PNG\u0000kind: Server\n`, `apiVersion: v1\nkind: Pod\n${noise}`, `kind: Pod\n${'\ufffd'.repeat(900)}`]) {
        assert.deepEqual(lintText(text).map((f) => [f.code, f.severity]), [['MA008', 'info']]);
      }
    });

    it('refuses nesting deeper than 256 levels with one finding where it starts, instead of overflowing the stack', () => {
      const flow = `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(100_000)}\n`;
      const block = `apiVersion: v1\nkind: ConfigMap\ndata:\n${Array.from({ length: 600 }, (_, i) => `${' '.repeat(i + 2)}- x:\n`).join('')}`;
      for (const text of [flow, block]) {
        const findings = lintText(text);
        assert.deepEqual(findings.map((f) => f.code), ['MA001']);
        assert.match(findings[0].message, /nesting deeper than 256 levels/);
        assert.ok(findings[0].message.length < 300);
      }
      assert.deepEqual(lintText(`apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(200)}${']'.repeat(200)}\n`), []);
    });

    it('reads objects as the API server receives them: << merges are not unknown fields, and the merged values are checked', () => {
      const base = `apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: web, namespace: emojivoto}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  accessPolicy: audit\n  <<: {port: 8080, proxyProtocol: HTTP/1}\n`;
      assert.deepEqual(lintText(base), []);
      assert.deepEqual(located(lintText(base.replace('proxyProtocol: HTTP/1', 'proxyProtocol: http'))), ['7 MA202']);
    });

    it("applies Linkerd's webhook rules to every Gateway API route, whatever its parent: the webhook validates them all", () => {
      const route = `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  parentRefs: [{name: public-gw}]\n  rules:\n    - matches: [{path: {type: RegularExpression, value: '(?=x)'}}]\n`;
      assert.deepEqual(lintText(route).map((f) => f.code), ['MA215']);
    });
  });

  describe('suppression and severity', () => {
    it('`# meshaware-disable-next-line CODE` drops that code on the next line only', () => {
      const text = badServer('a', '0').replace('  port: 0', '  # meshaware-disable-next-line MA201\n  port: 0') + '---\n' + badServer('b', '0');
      assert.deepEqual(located(lintText(text)), ['23 MA201']);
    });

    it('a directive with another code, or none, behaves accordingly', () => {
      const other = badServer('a', '0').replace('  port: 0', '  # meshaware-disable-next-line MA305\n  port: 0');
      assert.deepEqual(located(lintText(other)), ['11 MA201']);
      const all = badServer('a', '0').replace('  port: 0', '  # meshaware-disable-next-line\n  port: 0');
      assert.deepEqual(lintText(all), []);
    });

    it('severity overrides change or silence a code', () => {
      const text = badServer('a', '0');
      assert.equal(lintFiles([{ uri: 'a', text }], { severityOverrides: { MA201: 'info' } })[0].severity, 'info');
      assert.deepEqual(lintFiles([{ uri: 'a', text }], { severityOverrides: { MA201: 'off' } }), []);
    });
  });

  it('turns a rule that throws into one internal-error finding, logs it, and runs the other rules', () => {
    const throwing: Rule = { code: 'MA999', name: 'boom', category: 'schema', severity: 'error', summary: 'test', check: () => { throw new Error('boom'); } };
    const rules = RULES as Rule[];
    rules.push(throwing);
    const logged: string[] = [];
    try {
      const findings = lintFiles([{ uri: 'a.yaml', text: badServer('a', '0') }], { log: (m) => logged.push(m) });
      assert.deepEqual(findings.map((f) => f.code).sort(), ['MA002', 'MA201']);
      assert.match(findings.find((f) => f.code === 'MA002')!.message, /MA999/);
      assert.equal(logged.length, 1);
      assert.match(logged[0], /boom/);
    } finally {
      rules.pop();
    }
  });

  it('locates findings precisely (the offending value) and names the resource', () => {
    const [f] = lintText(badServer('web', '70000'));
    assert.deepEqual(f.range, { start: { line: 9, character: 8 }, end: { line: 9, character: 13 } });
    assert.deepEqual(f.resource, { kind: 'Server', name: 'web', namespace: 'emojivoto' });
  });
});
