// `npm run pack:cli`: the CLI as an npm package of its own, for CI pipelines (`npx meshaware lint`). The CLI
// bundle (dist/cli.js, with the Kubernetes client in dist/kube.js) carries all its code, so the package has no
// runtime dependencies. Writes dist/meshaware-cli-<version>.tgz and prints its path.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const stage = join(root, 'dist', 'cli-package');
const extension = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const file of ['cli.js', 'kube.js']) copyFileSync(join(root, 'dist', file), join(stage, file));
copyFileSync(join(root, 'packages', 'cli', 'README.md'), join(stage, 'README.md'));
copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
const manifest = {
  name: '@meshaware/cli',
  version: extension.version,
  description: 'Lint Linkerd policy, add workloads to the mesh, read live mesh traffic and manage a local Linkerd control plane, from the command line.',
  license: extension.license,
  repository: extension.repository,
  keywords: extension.keywords,
  bin: { meshaware: 'cli.js' },
  files: ['cli.js', 'kube.js', 'README.md', 'LICENSE'],
  engines: { node: extension.engines.node },
};
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const out = execFileSync('npm', ['pack', '--json', '--pack-destination', join(root, 'dist')], { cwd: stage, encoding: 'utf8' });
// A scoped package packs as <scope>-<name>-<version>.tgz: dist/meshaware-cli-<version>.tgz.
const [{ filename }] = JSON.parse(out);
console.log(join(root, 'dist', filename));
