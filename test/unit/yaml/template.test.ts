import assert from 'node:assert/strict';
import { lintFiles } from '../../../src/core/lint/engine';
import { parseManifest } from '../../../src/core/yaml/manifest';

// Port 0 is out of range: the Server schema reports it, so a finding proves the document was linted.
const badServer = (name: string, extra = '') => `apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: ${name}\n  namespace: emojivoto\n${extra}spec:\n  podSelector: {matchLabels: {app: web}}\n  port: 0\n`;
const lintedServers = (text: string) => [...new Set(lintFiles([{ uri: 'f.yaml', text }]).map((f) => f.resource?.name))];

describe('template detection per document', () => {
  it('a {{ }} in a comment leaves the file linted (it used to turn the whole file off)', () => {
    const text = `# rendered from {{ .Values.chart }} by hand\n${badServer('web')}`;
    assert.equal(parseManifest(text).templated, false);
    assert.deepEqual(lintedServers(text), ['web']);
    assert.deepEqual(lintedServers(badServer('web', '  labels: {team: a} # {{ not a template }}\n')), ['web']);
  });

  it("a {{ }} in a ConfigMap's data leaves the other documents linted", () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alert-templates\ndata:\n  slack.tmpl: |\n    {{ define "slack.title" }}{{ .Status }}{{ end }}\n  subject: "{{ .Labels.alertname }}"\n';
    const text = `${configMap}---\n${badServer('web')}`;
    const parsed = parseManifest(text);
    assert.deepEqual(parsed.documents.map((d) => d.templated), [false, false]);
    assert.equal(parsed.documents[0].kind, 'ConfigMap');
    assert.deepEqual(lintedServers(text), ['web']);
  });

  it('a templated document is left alone and the plain documents of its file are linted', () => {
    const helm = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n';
    const quoted = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "{{ .Release.Name }}-svc"\n';
    const jinja = '{% if x %}\napiVersion: v1\nkind: Service\n{% endif %}\n';
    const text = [helm, quoted, jinja, badServer('web')].join('---\n');
    const parsed = parseManifest(text);
    assert.deepEqual(parsed.documents.map((d) => d.templated), [true, true, true, false]);
    assert.equal(parsed.templated, true);
    assert.deepEqual(parsed.documents.slice(0, 3).map((d) => [d.kind, d.errors.length]), [[undefined, 0], [undefined, 0], [undefined, 0]]);
    assert.deepEqual(lintedServers(text), ['web']);
  });
});
