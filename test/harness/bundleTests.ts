import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

const sourceDir = join(repoRoot, 'test', 'integration');

export interface BundledTests {
  /** The bundled index.js: the extensionTestsPath. */
  readonly indexPath: string;
  dispose(): void;
}

/**
 * Bundles test/integration/index.ts and every *.test.ts beside it, one file each, so the loader can
 * find the tests by name at run time. `vscode` is the extension host's; mocha is loaded from node_modules,
 * which is why the bundles stay inside the repository. Each run gets its own folder: several people (or
 * a CI run) may test the same checkout at once.
 */
export async function bundleIntegrationTests(): Promise<BundledTests> {
  const tests = readdirSync(sourceDir).filter((f) => f.endsWith('.test.ts'));
  const outdir = join(repoRoot, 'out', 'test', 'integration', `run-${process.pid}`);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: ['index.ts', ...tests].map((f) => join(sourceDir, f)),
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
