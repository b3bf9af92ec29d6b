import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

const integrationDir = join(repoRoot, 'test', 'integration');

export interface BundledTests {
  /** The bundled index.js: the extensionTestsPath. */
  readonly indexPath: string;
  dispose(): void;
}

/**
 * Bundles test/integration/index.ts and every *.test.ts of `suite` (test/integration itself, or a folder in
 * it such as `restricted`), one file each, so the loader can find the tests by name at run time. `vscode` is the extension host's; mocha is loaded from node_modules,
 * which is why the bundles stay inside the repository. Each run gets its own folder: several people (or
 * a CI run) may test the same checkout at once.
 */
export async function bundleIntegrationTests(suite = ''): Promise<BundledTests> {
  const sourceDir = join(integrationDir, suite);
  const tests = readdirSync(sourceDir).filter((f) => f.endsWith('.test.ts'));
  const outdir = join(repoRoot, 'out', 'test', 'integration', `run-${process.pid}${suite ? `-${suite}` : ''}`);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    // Named entries put every bundle beside index.js, where it looks for them.
    entryPoints: Object.fromEntries([['index', join(integrationDir, 'index.ts')], ...tests.map((f) => [f.replace(/\.ts$/, ''), join(sourceDir, f)])]),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { indexPath: join(outdir, 'index.js'), dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}
