import * as assert from 'node:assert/strict';
import { cli, deployment } from './runCli';

/** `meshaware inject` against the checks `linkerd inject` makes (cli/cmd/inject.go, pkg/inject/report.go). */
describe('meshaware inject: what linkerd inject refuses, warns about and reads', function () {
  this.timeout(60_000);

  it('refuses a pod that runs Istio, and one with a Linkerd proxy in its manifest, which --remove then takes out', async () => {
    const istio = deployment('reviews').replace('      - name: reviews\n', '      - name: reviews\n      - name: istio-proxy\n        image: docker.io/istio/proxyv2:1.22.0\n');
    const manual = deployment('web', '      initContainers:\n      - name: linkerd-init\n        image: cr.l5d.io/linkerd/proxy-init:v2.4.3\n').replace(
      '      - name: web\n',
      '      - name: web\n      - name: linkerd-proxy\n        image: cr.l5d.io/linkerd/proxy:edge-26.6.3\n',
    );
    const add = await cli(['-'], `${istio}---\n${manual}`);
    assert.equal(add.status, 1);
    assert.equal(add.stdout, '');
    assert.equal(
      add.stderr,
      [
        "<stdin>:2:7: deployment/reviews refused: it already runs another mesh's sidecar (container istio-proxy); a pod can be in only one mesh",
        `<stdin>:${istio.split('\n').length + 2}:7: deployment/web refused: it already has a Linkerd proxy written into the manifest (container linkerd-proxy, as \`linkerd inject --manual\` writes it); remove that first, then add the annotation (meshaware inject --remove takes it out)`,
        'nothing was written',
        '',
      ].join('\n'),
    );
    const removed = await cli(['--remove', '-'], manual);
    assert.equal(removed.status, 0, removed.stderr);
    assert.equal(removed.stderr, 'deployment/web uninjected\n');
    assert.equal(removed.stdout, deployment('web'));
    const again = await cli(['-'], removed.stdout);
    assert.equal(again.stderr, 'deployment/web injected\n');
  });

  it("refuses Linkerd's own control-plane components (linkerd inject wants --manual for them), to add and to remove", async () => {
    const destination = deployment('linkerd-destination').replace('        app: linkerd-destination\n', '        app: linkerd-destination\n        linkerd.io/control-plane-component: destination\n');
    for (const args of [['-'], ['--remove', '-']]) {
      const r = await cli(args, destination);
      assert.equal(r.status, 1, args.join(' '));
      assert.match(r.stderr, /deployment\/linkerd-destination refused: it is Linkerd's own control-plane component 'destination'/);
    }
  });

  it('warns about UDP ports, located, and still injects (linkerd inject: ‼ … uses "protocol: UDP", then injected)', async () => {
    const dns = deployment('dns').replace('      - name: dns\n', '      - name: dns\n        ports:\n        - containerPort: 53\n          protocol: UDP\n');
    const r = await cli(['-'], dns);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'deployment/dns injected\n<stdin>:2:7: warning: deployment/dns: declares 53/UDP: Linkerd injects the pod, but UDP bypasses the proxy, so that traffic gets no mTLS and no policy\n');
    assert.match(r.stdout, /linkerd\.io\/inject: enabled/);
  });

  it('injects the items of a kind: List', async () => {
    const item = (name: string) => deployment(name).replace(/^/gm, '  ').replace(/^ {2}apiVersion/, '- apiVersion').replace(/\n {2}$/, '\n');
    const list = `apiVersion: v1\nkind: List\nitems:\n${item('a')}${item('b')}`;
    const r = await cli(['-'], list);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'deployment/a injected\ndeployment/b injected\n');
    assert.equal(r.stdout.split('linkerd.io/inject: enabled').length, 3);
    assert.equal((await cli(['--remove', '-'], r.stdout)).stdout, list);
  });
});
