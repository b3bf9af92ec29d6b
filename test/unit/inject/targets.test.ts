import * as assert from 'node:assert/strict';
import { findInjectionTargets, targetLabel, type NamespaceLookup } from '../../../src/core/inject';
import { parseManifest } from '../../../src/core/yaml/manifest';
import { lookupFrom } from './helpers';

function targets(text: string, namespaces?: NamespaceLookup) {
  return findInjectionTargets(parseManifest(text), namespaces);
}

function workload(kind: string, templateMetadata = '', extra = '', apiVersion = 'apps/v1'): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: w\n${extra}spec:\n  template:\n${templateMetadata}    spec:\n      containers:\n      - name: c\n`;
}

const annotated = (value: string) => `    metadata:\n      annotations:\n        linkerd.io/inject: ${value}\n`;

describe('findInjectionTargets', () => {
  describe('which objects are targets', () => {
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']) {
      it(`${kind}: its spec.template`, () => {
        const [t] = targets(workload(kind));
        assert.equal(t.kind, kind);
        assert.equal(t.role, 'workload');
        assert.deepEqual(t.podMetadataHost, ['spec', 'template']);
      });
    }

    it('CronJob: spec.jobTemplate.spec.template', () => {
      const text = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: []\n';
      const [t] = targets(text);
      assert.deepEqual(t.podMetadataHost, ['spec', 'jobTemplate', 'spec', 'template']);
      assert.equal(targetLabel(t), 'cronjob/c');
    });

    it('Pod and Namespace: their own metadata', () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n';
      assert.deepEqual(
        targets(text).map((t) => [t.role, t.podMetadataHost, t.name]),
        [
          ['pod', [], 'p'],
          ['namespace', [], 'n'],
        ],
      );
    });

    it('any other kind whose spec.template holds containers (Argo Rollout), but not other templates', () => {
      const rollout = workload('Rollout', '', '', 'argoproj.io/v1alpha1');
      const notPods = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  template:\n    text: hello\n';
      assert.deepEqual(targets(`${rollout}---\n${notPods}`).map((t) => t.kind), ['Rollout']);
    });

    it('not Services, ConfigMaps, non-Kubernetes YAML, scalars or empty documents', () => {
      const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: s}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\nname: my-app\nversion: 3\n---\njust a string\n---\n';
      assert.deepEqual(targets(text), []);
    });

    it('not a workload without a pod template (still being written)', () => {
      assert.deepEqual(targets('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 1\n'), []);
    });

    it('not Helm templates', () => {
      const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers: []\n';
      assert.deepEqual(targets(text), []);
    });

    it('not a document with a syntax error, while the other documents of the file still are', () => {
      const broken = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [broken\nspec:\n  template:\n    spec:\n      containers: []\n';
      const found = targets(`${broken}---\n${workload('StatefulSet')}`);
      assert.deepEqual(found.map((t) => [t.kind, t.document.index]), [['StatefulSet', 1]]);
    });

    it('a file that is not YAML at all gives none and does not throw', () => {
      assert.deepEqual(targets('\t{{{ :::\n- - ]'), []);
      assert.deepEqual(targets(''), []);
    });

    it('names the document, the namespace and the anchor for a code lens', () => {
      const text = `${workload('Deployment', '', '  namespace: shop\n')}`;
      const [t] = targets(text);
      assert.equal(t.namespace, 'shop');
      assert.equal(text.slice(t.anchorStart, t.anchorEnd), 'Deployment');
      assert.deepEqual([t.item, t.objectPath], [undefined, []]);
    });

    it('the items of a kind: List (as kubectl get -o yaml prints them), each anchored at its own kind', () => {
      const item = (kind: string, name: string) => `- apiVersion: apps/v1\n  kind: ${kind}\n  metadata:\n    name: ${name}\n    namespace: shop\n  spec:\n    template:\n      spec:\n        containers: []\n`;
      const service = '- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n';
      const text = `apiVersion: v1\nkind: List\nitems:\n${item('Deployment', 'a')}${service}${item('StatefulSet', 'b')}`;
      const found = targets(text);
      assert.deepEqual(
        found.map((t) => [targetLabel(t), t.item, t.objectPath, t.namespace, text.slice(t.anchorStart, t.anchorEnd)]),
        [
          ['deployment/a', 0, ['items', 0], 'shop', 'Deployment'],
          ['statefulset/b', 2, ['items', 2], 'shop', 'StatefulSet'],
        ],
      );
    });
  });

  describe('mesh state', () => {
    const state = (text: string, namespaces?: NamespaceLookup) => targets(text, namespaces)[0].state;

    it('unmeshed without any annotation', () => {
      assert.deepEqual(state(workload('Deployment')), { kind: 'unmeshed' });
    });

    it('meshed with enabled or ingress on the pod template', () => {
      assert.deepEqual(state(workload('Deployment', annotated('enabled'))), { kind: 'meshed', value: 'enabled' });
      assert.deepEqual(state(workload('Deployment', annotated('"ingress"'))), { kind: 'meshed', value: 'ingress' });
    });

    it('disabled', () => {
      assert.deepEqual(state(workload('Deployment', annotated('disabled'))), { kind: 'disabled' });
    });

    it('invalid for any other value, matched case-sensitively', () => {
      assert.deepEqual(state(workload('Deployment', annotated('Enabled'))), { kind: 'invalid', value: 'Enabled' });
      assert.deepEqual(state(workload('Deployment', annotated('true'))), { kind: 'invalid', value: 'true' });
      assert.deepEqual(state(workload('Deployment', annotated('yes'))), { kind: 'invalid', value: 'yes' });
      assert.deepEqual(state(workload('Deployment', annotated(''))), { kind: 'invalid', value: '' });
      assert.deepEqual(state(workload('Deployment', annotated('{a: 1}'))), { kind: 'invalid', value: '{"a":1}' });
    });

    it('misplaced when only the workload metadata has it', () => {
      const text = workload('Deployment', '', '  annotations:\n    linkerd.io/inject: enabled\n');
      assert.deepEqual(state(text), { kind: 'misplaced', value: 'enabled' });
    });

    it('the pod template wins over a misplaced annotation', () => {
      const text = workload('Deployment', annotated('disabled'), '  annotations:\n    linkerd.io/inject: enabled\n');
      assert.deepEqual(state(text), { kind: 'disabled' });
    });

    it('hostNetwork: true (a real boolean) is skipped by Linkerd whatever the annotation says', () => {
      const hostNet = (value: string) => workload('DaemonSet', annotated('enabled')).replace('    spec:\n', `    spec:\n      hostNetwork: ${value}\n`);
      assert.deepEqual(state(hostNet('true')), { kind: 'blocked', blockers: [{ kind: 'hostNetwork' }] });
      assert.equal(targets(hostNet('true'))[0].annotation, 'enabled');
      assert.deepEqual(state(hostNet('false')), { kind: 'meshed', value: 'enabled' });
      assert.deepEqual(state(hostNet('"true"')), { kind: 'meshed', value: 'enabled' });
    });

    it('meshed via the namespace (default when unset) when the namespace says enabled or ingress', () => {
      assert.deepEqual(state(workload('Deployment'), lookupFrom({ default: 'ingress' })), { kind: 'meshedViaNamespace', namespace: 'default', value: 'ingress' });
      const inShop = workload('Deployment', '', '  namespace: shop\n');
      assert.deepEqual(state(inShop, lookupFrom({ shop: 'enabled' })), { kind: 'meshedViaNamespace', namespace: 'shop', value: 'enabled' });
      assert.deepEqual(state(inShop, lookupFrom({ default: 'enabled' })), { kind: 'unmeshed' });
    });

    it('not meshed via a namespace that is disabled or invalid, and a pod-level disabled opts out', () => {
      assert.deepEqual(state(workload('Deployment'), lookupFrom({ default: 'disabled' })), { kind: 'unmeshed' });
      assert.deepEqual(state(workload('Deployment'), lookupFrom({ default: 'Enabled' })), { kind: 'unmeshed' });
      assert.deepEqual(state(workload('Deployment', annotated('disabled')), lookupFrom({ default: 'enabled' })), { kind: 'disabled' });
    });

    it('reads what the API server receives: the last of duplicate keys, and merge keys (<<)', () => {
      const twice = workload('Deployment', '    metadata:\n      annotations:\n        linkerd.io/inject: disabled\n      annotations:\n        linkerd.io/inject: enabled\n');
      assert.deepEqual(state(twice), { kind: 'meshed', value: 'enabled' });
      const merged = `x-meta: &meta\n  annotations:\n    linkerd.io/inject: ingress\n${workload('Deployment', '    metadata:\n      <<: *meta\n      labels: {app: w}\n')}`;
      assert.deepEqual(state(merged), { kind: 'meshed', value: 'ingress' });
    });

    it('notes every key written twice on the way to the annotation, at the one the API server ignores', () => {
      const text = workload('Deployment', '    metadata:\n      annotations: {a: "1"}\n      annotations:\n        linkerd.io/inject: enabled\n', '  name: again\n');
      const [t] = targets(text);
      assert.deepEqual(
        t.duplicateKeys.map((n) => [n.message.split(' is ')[0], n.offset]),
        [
          ['metadata.name', text.indexOf('name: w')],
          ['spec.template.metadata.annotations', text.indexOf('annotations: {a')],
        ],
      );
      assert.match(t.duplicateKeys[0].message, /the API server keeps only the last/);
    });

    it('blocked, in the order linkerd inject checks: control-plane component, hostNetwork, a Linkerd proxy in the manifest, another mesh', () => {
      const pod = (spec: string, labels = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${labels}spec:\n${spec}`;
      const blockers = (text: string) => {
        const s = state(text);
        return s.kind === 'blocked' ? s.blockers : s;
      };
      assert.deepEqual(blockers(pod('  containers:\n  - name: app\n  - name: istio-proxy\n')), [{ kind: 'otherSidecar', container: 'istio-proxy' }]);
      assert.deepEqual(blockers(pod('  initContainers:\n  - name: istio-init\n  containers: [{name: app}]\n')), [{ kind: 'otherSidecar', container: 'istio-init' }]);
      assert.deepEqual(blockers(pod('  containers:\n  - name: sidecar\n    image: gcr.io/istio-release/proxyv2:1.20\n')), [{ kind: 'otherSidecar', container: 'sidecar' }]);
      assert.deepEqual(blockers(pod('  containers:\n  - name: app\n  - name: linkerd-proxy\n')), [{ kind: 'manualProxy', container: 'linkerd-proxy' }]);
      // Linkerd 2.20's native sidecar: the proxy is an init container.
      assert.deepEqual(blockers(pod('  initContainers:\n  - name: linkerd-init\n  - name: linkerd-proxy\n  containers: [{name: app}]\n')), [{ kind: 'manualProxy', container: 'linkerd-proxy' }]);
      assert.deepEqual(blockers(pod('  initContainers:\n  - {name: init, image: "cr.l5d.io/linkerd/proxy-init:v2.4.0"}\n  containers: [{name: app}]\n')), [{ kind: 'manualProxy', container: 'init' }]);
      assert.deepEqual(blockers(pod('  hostNetwork: true\n  containers: [{name: app}, {name: linkerd-proxy}]\n', '  labels:\n    linkerd.io/control-plane-component: destination\n')), [
        { kind: 'controlPlane', component: 'destination' },
        { kind: 'hostNetwork' },
        { kind: 'manualProxy', container: 'linkerd-proxy' },
      ]);
      // A container merely called like Linkerd's init in the regular containers is not one.
      assert.deepEqual(blockers(pod('  containers:\n  - name: linkerd-init\n')), { kind: 'unmeshed' });
    });

    it('UDP container ports (not init containers), which Linkerd injects anyway', () => {
      const ports = (p: string) => workload('Deployment').replace('      - name: c\n', `      - name: c\n        ports:\n${p}`);
      assert.deepEqual(targets(ports('        - {containerPort: 53, protocol: UDP}\n        - {containerPort: 80}\n        - {containerPort: 8125, protocol: UDP}\n'))[0].udpPorts, ['53/UDP', '8125/UDP']);
      assert.deepEqual(targets(ports('        - {containerPort: 53, protocol: TCP}\n'))[0].udpPorts, []);
    });

    it('follows aliases to the value', () => {
      const text = workload('Deployment', annotated('*on'), '  labels:\n    mesh: &on ingress\n');
      assert.deepEqual(state(text), { kind: 'meshed', value: 'ingress' });
    });

    it('Namespaces: unmeshed, meshed, disabled, invalid', () => {
      const ns = (annotations: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n${annotations}`;
      assert.deepEqual(state(ns('')), { kind: 'unmeshed' });
      assert.deepEqual(state(ns('  annotations:\n    linkerd.io/inject: ingress\n')), { kind: 'meshed', value: 'ingress' });
      assert.deepEqual(state(ns('  annotations:\n    linkerd.io/inject: disabled\n')), { kind: 'disabled' });
      assert.deepEqual(state(ns('  annotations:\n    linkerd.io/inject: on\n')), { kind: 'invalid', value: 'on' });
    });
  });
});
