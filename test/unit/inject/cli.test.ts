import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, deployment, spawnCli } from './runCli';
import { freshDirEach } from '../freshDir';

const annotatedDeployment = (name: string, value: string) => deployment(name).replace('      labels:', `      annotations:\n        linkerd.io/inject: ${value}\n      labels:`);

describe('meshaware inject (CLI)', function () {
  this.timeout(60_000);
  const folder = freshDirEach('meshaware-inject-');

  it('reads stdin, writes the injected YAML to stdout and a report per object to stderr (the executable, stdin a pipe)', () => {
    const input = `${deployment('web')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: emojivoto\n`;
    const r = spawnCli(['-'], input);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, input.replace('      labels:\n        app: web', '      annotations:\n        linkerd.io/inject: enabled\n      labels:\n        app: web').replace('  name: emojivoto\n', '  annotations:\n    linkerd.io/inject: enabled\n  name: emojivoto\n'));
    assert.equal(r.stderr, 'deployment/web injected\nnamespace/emojivoto injected\n');
  });

  it('refuses host-network pods as linkerd inject does: exit 1, the reason located, nothing written', async () => {
    const input = `${deployment('web')}---\n${deployment('node-exporter', '      hostNetwork: true\n')}`;
    const r = await cli(['-'], input);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const line = input.split('\n').indexOf('kind: Deployment', 3) + 1;
    assert.equal(
      r.stderr,
      `deployment/web injected\n<stdin>:${line}:7: deployment/node-exporter refused: hostNetwork is enabled: the pod uses the node's network, where the proxy cannot intercept its traffic\nnothing was written\n`,
    );
  });

  it('--ingress sets ingress, also over enabled, and leaves disabled workloads alone', async () => {
    const r = await cli(['--ingress', '-'], `${annotatedDeployment('a', 'enabled')}---\n${annotatedDeployment('b', 'disabled')}---\n${annotatedDeployment('c', 'ingress')}`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${annotatedDeployment('a', 'ingress')}---\n${annotatedDeployment('b', 'disabled')}---\n${annotatedDeployment('c', 'ingress')}`);
    assert.equal(r.stderr, 'deployment/a injected\ndeployment/b unchanged: opted out with linkerd.io/inject: disabled\ndeployment/c unchanged: already ingress\n');
  });

  it('leaves workloads alone that a Namespace in the files meshes (the editor decides the same)', async () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    linkerd.io/inject: enabled\n';
    const app = deployment('web').replace('  name: web\n', '  name: web\n  namespace: shop\n');
    writeFileSync(join(folder(), 'ns.yaml'), ns);
    writeFileSync(join(folder(), 'app.yaml'), app);
    const r = await cli([join(folder(), 'app.yaml'), join(folder(), 'ns.yaml')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'deployment/web unchanged: meshed through namespace shop (linkerd.io/inject: enabled)\nnamespace/shop unchanged: already enabled\n');
    assert.equal(r.stdout, `${app}---\n${ns}`);
  });

  it('--in-place writes changed files back; --remove restores them byte for byte (CRLF too)', async () => {
    const original = deployment('web').replace(/\n/g, '\r\n');
    const file = join(folder(), 'web.yaml');
    const config = join(folder(), 'config.yaml');
    writeFileSync(file, original);
    writeFileSync(config, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const add = await cli(['-i', file, config]);
    assert.equal(add.status, 0, add.stderr);
    assert.equal(add.stdout, '');
    assert.equal(add.stderr, `deployment/web injected\n${config}: no workloads, Pods or Namespaces\n`);
    assert.equal(readFileSync(file, 'utf8'), original.replace('      labels:', '      annotations:\r\n        linkerd.io/inject: enabled\r\n      labels:'));
    const remove = await cli(['--remove', '--in-place', file]);
    assert.equal(remove.status, 0, remove.stderr);
    assert.equal(remove.stderr, 'deployment/web uninjected\n');
    assert.equal(readFileSync(file, 'utf8'), original);
  });

  it('a YAML syntax error exits 1 with FILE:LINE:COL and writes nothing, not even the valid files', async () => {
    const good = join(folder(), 'good.yaml');
    const bad = join(folder(), 'bad.yaml');
    writeFileSync(good, deployment('web'));
    const broken = `${deployment('api')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n`;
    writeFileSync(bad, broken);
    const r = await cli(['--in-place', good, bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: .+\\nnothing was written\\n$`));
    assert.ok(Number(r.stderr.split(':')[1]) > deployment('api').split('\n').length, 'located in the broken second document');
    assert.equal(readFileSync(good, 'utf8'), deployment('web'));
    assert.equal(readFileSync(bad, 'utf8'), broken);
  });

  it('Helm templates and unreadable files exit 1', async () => {
    const chart = join(folder(), 'deployment.yaml');
    writeFileSync(chart, 'metadata:\n  name: {{ .Release.Name }}\n');
    const r = await cli([chart, join(folder(), 'missing.yaml')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /deployment\.yaml: contains template syntax/);
    assert.match(r.stderr, /missing\.yaml: cannot read: ENOENT/);
    assert.equal(r.stdout, '');
  });

  it('an object that cannot be edited exits 1 with a located reason, and nothing is written', async () => {
    const shared = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shared\n  annotations: &a\n    team: x\nspec:\n  template:\n    metadata:\n      annotations: *a\n    spec:\n      containers: []\n';
    const file = join(folder(), 'two.yaml');
    writeFileSync(file, `${shared}---\n${deployment('web')}`);
    const r = await cli(['-i', file]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^\S+two\.yaml:10:20: deployment\/shared: spec\.template\.metadata\.annotations is an alias \(\*a\)/);
    assert.match(r.stderr, /\ndeployment\/web injected\nnothing was written\n$/);
    assert.equal(readFileSync(file, 'utf8'), `${shared}---\n${deployment('web')}`);
  });

  it('usage errors exit 2 with the usage', async () => {
    for (const args of [[], ['--remove', '--ingress', 'x.yaml'], ['-i', '-'], ['-', '-']]) {
      const r = await cli(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^meshaware inject: .+\nUsage: meshaware inject/);
    }
    const help = await cli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: meshaware inject/);
  });
});
