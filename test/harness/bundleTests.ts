import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

const sourceDir = join(repoRoot, 'test', 'integration');
export const integrationOutDir = join(repoRoot, 'out', 'test', 'integration');

/**
 * Bundles test/integration/index.ts and every *.test.ts beside it, one file each, so the loader can
 * find the tests by name at run time. `vscode` is the extension host's; mocha is loaded from node_modules.
 * Returns the path of the bundled index.js, the extensionTestsPath.
 */
export async function bundleIntegrationTests(): Promise<string> {
  const tests = readdirSync(sourceDir).filter((f) => f.endsWith('.test.ts'));
  rmSync(integrationOutDir, { recursive: true, force: true });
  await build({
    entryPoints: ['index.ts', ...tests].map((f) => join(sourceDir, f)),
    outdir: integrationOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(integrationOutDir, 'index.js');
}
