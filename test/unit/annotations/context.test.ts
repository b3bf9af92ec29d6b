import * as assert from 'node:assert/strict';
import { annotationPlaceAt } from '../../../src/core/annotations/context';
import { parseManifest } from '../../../src/core/yaml/manifest';

/** The place at the `|` marker of a manifest (the marker is removed before parsing). */
function placeAt(marked: string) {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no | marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const place = annotationPlaceAt(parseManifest(text), offset);
  return place && { ...place, text: text.slice(place.start, place.end), host: place.block.host };
}

const deployment = (annotations: string, own = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${own}spec:
  template:
    metadata:
      annotations:
${annotations}    spec:
      containers:
        - name: web
          image: web
`;

describe('annotation place at an offset', () => {
  it('finds a key being typed on a new line of a pod template', () => {
    const place = placeAt(deployment('        config.linkerd.io/pro|\n'));
    assert.equal(place?.kind, 'key');
    assert.equal(place?.host, 'pod');
    assert.equal(place?.text, 'config.linkerd.io/pro');
    assert.equal(place?.kind === 'key' && place.hasValue, false);
  });

  it('finds a new key after existing ones, and an empty line in the block', () => {
    const typed = placeAt(deployment('        a.example/x: "1"\n        linkerd|\n'));
    assert.equal(typed?.kind, 'key');
    assert.equal(typed?.text, 'linkerd');
    const empty = placeAt(deployment('        a.example/x: "1"\n        |\n'));
    assert.equal(empty?.kind, 'key');
    assert.equal(empty?.text, '');
  });

  it('finds the key of an existing pair and knows it has a value', () => {
    const place = placeAt(deployment('        linkerd.io/in|ject: enabled\n'));
    assert.equal(place?.kind, 'key');
    assert.equal(place?.text, 'linkerd.io/inject');
    assert.equal(place?.kind === 'key' && place.hasValue, true);
  });

  it('finds values, written or not yet', () => {
    const written = placeAt(deployment('        linkerd.io/inject: ena|bled\n'));
    assert.deepEqual(written && { kind: written.kind, key: written.key, text: written.text }, { kind: 'value', key: 'linkerd.io/inject', text: 'enabled' });
    const quoted = placeAt(deployment('        config.linkerd.io/admin-port: "41|91"\n'));
    assert.equal(quoted?.text, '"4191"');
    assert.equal(quoted?.kind === 'value' && quoted.value, '4191');
    const empty = placeAt(deployment('        linkerd.io/inject: |\n'));
    assert.equal(empty?.kind, 'value');
    assert.equal(empty?.text, '');
  });

  it('tells the workload metadata (not read by Linkerd) from its pod template', () => {
    const place = placeAt(deployment('        a.example/x: "1"\n', '  annotations:\n    linkerd.io/inj|ect: enabled\n'));
    assert.equal(place?.kind, 'key');
    assert.equal(place?.host, undefined);
  });

  it('knows Namespaces, Services and CronJob pod templates', () => {
    assert.equal(placeAt('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  annotations:\n    |\n')?.host, 'namespace');
    assert.equal(placeAt('apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  annotations:\n    config|\n')?.host, 'service');
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  jobTemplate:
    spec:
      template:
        metadata:
          annotations:
            linkerd.io/inject: |
`;
    assert.equal(placeAt(cron)?.host, 'pod');
  });

  it('stops at the end of the block and outside annotations', () => {
    assert.equal(placeAt(deployment('        a.example/x: "1"\n').replace('containers:', 'containers:|')), undefined);
    assert.equal(placeAt('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: b\n  labels:\n    |\n'), undefined);
    assert.equal(placeAt('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    linkerd.io/inj|ect: enabled\n'), undefined);
  });

  it('ignores Helm templates and non-Kubernetes YAML', () => {
    assert.equal(placeAt('apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  annotations:\n    linkerd.io/inj|ect: enabled\n'), undefined);
    assert.equal(placeAt('metadata:\n  annotations:\n    linkerd.io/inj|ect: enabled\n'), undefined);
  });

  it('finds the place in the right document of a multi-document file', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    linkerd.io/inject: dis|abled\n';
    const place = placeAt(text);
    assert.equal(place?.kind, 'value');
    assert.equal(place?.host, 'pod');
    assert.equal(place?.block.document.name, 'p');
  });
});
