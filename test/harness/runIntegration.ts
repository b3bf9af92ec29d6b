// The integration tier: mocha inside a real VS Code extension host (code-server's), driven from Chromium.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { IntegrationResults } from '../integration/index';
import { launchChromium, newWorkbenchPage, screenshotOnFailure } from './browser';
import { bundleIntegrationTests } from './bundleTests';
import { startCodeServer, type CodeServer } from './codeServer';
import { formatLogCall } from './extensionHostLog';
import { repoRoot } from './paths';
import { copySampleWorkspace, scratchDir } from './scratch';

const timeoutMs = Number(process.env.MESHAWARE_INTEGRATION_TIMEOUT_MS ?? 300_000);

/**
 * Settings a cloned repository could carry to feed the traffic view fabricated data: the restricted suite
 * checks that none of them takes effect.
 */
const HOSTILE_SETTINGS = {
  'meshaware.traffic.source': 'prometheus',
  'meshaware.traffic.prometheusUrl': 'http://attacker.invalid:9090',
  'meshaware.traffic.failBelow': 0,
  'meshaware.traffic.warnBelow': 0,
};

/** The trusted suite (test/integration/*.test.ts), then the Restricted Mode suite (test/integration/restricted). */
async function main(): Promise<number> {
  const suites = [await runSuite('', 'integration', false), await runSuite('restricted', 'integration-restricted', true)];
  // One total line, which scripts/test-all.sh adds up.
  console.log(`${suites.reduce((n, s) => n + s.passed, 0)} passed, ${suites.reduce((n, s) => n + s.failed, 0)} failed`);
  return suites.some((s) => s.code !== 0) ? 1 : 0;
}

interface SuiteResult {
  readonly code: number;
  readonly passed: number;
  readonly failed: number;
}

async function runSuite(suite: string, name: string, restricted: boolean): Promise<SuiteResult> {
  const failedToRun = { code: 1, passed: 0, failed: 1 };
  const tests = await bundleIntegrationTests(suite);
  const scratch = scratchDir(name);
  const workspace = copySampleWorkspace(scratch.path);
  if (restricted) {
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(HOSTILE_SETTINGS, null, 2));
  }
  const resultsFile = join(scratch.path, 'results.json');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    server = await startCodeServer({ name, workspace, smokeTestDriver: true, restricted, env: { MESHAWARE_TEST_RESULTS: resultsFile } });
    browser = await launchChromium();
    page = await newWorkbenchPage(browser);
    let exitWith!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (exitWith = resolve));
    // The workbench calls these when the payload carries extensionTestsPath; they must exist before it loads.
    await page.exposeFunction('codeAutomationExit', (code: number) => exitWith(code));
    await page.exposeFunction('codeAutomationLog', (_level: unknown, args: unknown) => {
      const line = formatLogCall(args);
      if (line !== undefined) console.log(`  | ${line}`);
    });
    await page.goto(server.workbenchUrl([
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(tests.indexPath)],
    ]));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') {
      await screenshotOnFailure(page, name);
      console.error(`${name}: no result after ${timeoutMs / 1000} s (MESHAWARE_INTEGRATION_TIMEOUT_MS); server log: ${server.logPath}`);
      return failedToRun;
    }
    if (!existsSync(resultsFile)) {
      console.error(`${name}: the extension host exited with ${code} before mocha reported; see the log above and ${server.logPath}`);
      return failedToRun;
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as IntegrationResults;
    console.log(`${name}: ${results.passed} passed, ${results.failed} failed`);
    return { code: code === 0 && results.failed === 0 ? 0 : 1, passed: results.passed, failed: results.failed };
  } catch (e) {
    await screenshotOnFailure(page, name);
    console.error(`${name}: ${(e as Error).stack ?? e}${server ? `\nserver log: ${server.logPath}` : ''}`);
    return failedToRun;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    scratch.dispose();
    tests.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
