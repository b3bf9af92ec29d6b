// Bundles the extension host code, the CLI and the webview with esbuild; type checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

/** Every webview entry point is `webview/<name>/main.ts`, bundled to `dist/webview/<name>.js`. */
function webviewEntries() {
  if (!existsSync('webview')) return {};
  const entries = {};
  for (const d of readdirSync('webview', { withFileTypes: true })) {
    if (d.isDirectory() && existsSync(join('webview', d.name, 'main.ts'))) entries[d.name] = join('webview', d.name, 'main.ts');
  }
  return entries;
}

/**
 * The Kubernetes client is big and slow to load, so it lives in its own bundle, dist/kube.js, and the
 * extension and CLI load it on first use: every import of src/core/cluster/clientNode becomes `require('./kube.js')`.
 */
const kubeAsSeparateBundle = {
  name: 'kube-separate-bundle',
  setup(build) {
    build.onResolve({ filter: /(^|\/)clientNode$/ }, () => ({ path: './kube.js', external: true }));
  },
};
const node = { ...common, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node18' };
const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, external: ['vscode'], plugins: [kubeAsSeparateBundle] },
  { ...node, entryPoints: { cli: 'src/cli/bin.ts' }, banner: { js: '#!/usr/bin/env node' }, plugins: [kubeAsSeparateBundle] },
  { ...node, entryPoints: { kube: 'src/core/cluster/clientNode.ts' } },
];
const wv = webviewEntries();
if (Object.keys(wv).length) {
  builds.push({ ...common, entryPoints: wv, outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'es2022' });
}
const ctxs = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(ctxs.map((c) => c.watch()));
} else {
  await Promise.all(ctxs.map((c) => c.rebuild()));
  await Promise.all(ctxs.map((c) => c.dispose()));
}
