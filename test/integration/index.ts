import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plural } from '../../src/core/text/plural';

/** What the runners read back from the extension host: the harness prints and sums it. */
export interface IntegrationResults {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
}

/**
 * The @vscode/test-electron contract (also honoured by code-server's smoke-test driver): VS Code
 * requires this bundle inside the extension host and calls `run`. Every *.test.js bundled beside it
 * is loaded, so a new test file needs no registration.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${__dirname}`));
  for (const f of files) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run(() => {
      const stats = runner.stats;
      const results: IntegrationResults = { passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 };
      const resultsFile = process.env.MESHAWARE_TEST_RESULTS;
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results));
      console.log(`integration: ${results.passed} passed, ${results.failed} failed`);
      if (results.failed > 0) reject(new Error(`${plural(results.failed, 'integration test')} failed`));
      else resolve();
    });
  });
}
