// The integration tier: mocha inside a real VS Code extension host (code-server's), driven from Chromium.
import { existsSync, readFileSync } from 'node:fs';
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

async function main(): Promise<number> {
  const tests = await bundleIntegrationTests();
  const scratch = scratchDir('integration');
  const workspace = copySampleWorkspace(scratch.path);
  const resultsFile = join(scratch.path, 'results.json');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    server = await startCodeServer({ name: 'integration', workspace, smokeTestDriver: true, env: { MESHAWARE_TEST_RESULTS: resultsFile } });
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
      await screenshotOnFailure(page, 'integration');
      console.error(`integration: no result after ${timeoutMs / 1000} s (MESHAWARE_INTEGRATION_TIMEOUT_MS); server log: ${server.logPath}`);
      return 1;
    }
    if (!existsSync(resultsFile)) {
      console.error(`integration: the extension host exited with ${code} before mocha reported; see the log above and ${server.logPath}`);
      return 1;
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as IntegrationResults;
    console.log(`${results.passed} passed, ${results.failed} failed`);
    return code === 0 && results.failed === 0 ? 0 : 1;
  } catch (e) {
    await screenshotOnFailure(page, 'integration');
    console.error(`integration: ${(e as Error).stack ?? e}${server ? `\nserver log: ${server.logPath}` : ''}`);
    return 1;
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
