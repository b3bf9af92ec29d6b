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

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'] },
  { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node18', banner: { js: '#!/usr/bin/env node' } },
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
