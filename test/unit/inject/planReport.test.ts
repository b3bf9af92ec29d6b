import * as assert from 'node:assert/strict';
import { findInjectionTargets, planRequest, type MeshRequest, type Scope } from '../../../src/core/inject';
import { parseManifest } from '../../../src/core/yaml/manifest';
import { describePlan } from '../../../src/editor/inject/planReport';

const deployment = (name: string, podSpec = '', template = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    metadata:\n${template}      labels: {app: ${name}}\n    spec:\n${podSpec}      containers: [{name: ${name}}]\n`;

function report(text: string, mesh: MeshRequest, scope: Scope) {
  const parsed = parseManifest(text);
  return describePlan(planRequest(parsed, findInjectionTargets(parsed), mesh, scope), mesh, (offset) => parsed.lines.positionAt(offset).line + 1);
}

/** The editor's rendering of the core's decision: one notification, its button, and a log line per object. */
describe('the editor renders the Add to mesh decision', () => {
  const ADD: MeshRequest = { kind: 'add', value: 'enabled' };

  it('one refused object: a warning with the reason, and Remove Injected Proxy as its button', () => {
    const r = report(deployment('web', '      initContainers: [{name: linkerd-proxy}]\n'), ADD, 'object');
    assert.equal(r.severity, 'warning');
    assert.match(r.message ?? '', /^deployment\/web cannot be added to the mesh: it already has a Linkerd proxy written into the manifest/);
    assert.deepEqual(r.offer?.offer.action, { kind: 'uninject' });
    assert.deepEqual(r.log, ['2: deployment/web refused: it already has a Linkerd proxy written into the manifest (container linkerd-proxy, as `linkerd inject --manual` writes it); remove that first, then add the annotation']);
  });

  it('one object that simply changes: no notification', () => {
    const r = report(deployment('web'), ADD, 'object');
    assert.equal(r.message, undefined);
    assert.deepEqual(r.log, ['2: deployment/web injected']);
  });

  it('a whole file: what changed, what was refused and left alone, and the warnings, in one notification', () => {
    const text = [
      deployment('a'),
      deployment('node', '      hostNetwork: true\n'),
      deployment('off', '', '      annotations: {linkerd.io/inject: disabled}\n'),
      deployment('dns').replace('[{name: dns}]', '[{name: dns, ports: [{containerPort: 53, protocol: UDP}]}]'),
    ].join('---\n');
    const r = report(text, ADD, 'file');
    assert.equal(
      r.message,
      "linkerd.io/inject added to 2 objects. Refused: deployment/node (hostNetwork is enabled: the pod uses the node's network, where the proxy cannot intercept its traffic). Left alone: deployment/off (opted out with linkerd.io/inject: disabled). Note: deployment/dns: declares 53/UDP: Linkerd injects the pod, but UDP bypasses the proxy, so that traffic gets no mTLS and no policy.",
    );
    assert.equal(r.severity, 'warning');
  });

  it('a whole file where nothing needs doing says so, as information', () => {
    const r = report(deployment('done', '', '      annotations: {linkerd.io/inject: enabled}\n'), { kind: 'add', value: 'enabled' }, 'file');
    assert.deepEqual([r.severity, r.message], ['info', 'deployment/done: already enabled.']);
  });
});
