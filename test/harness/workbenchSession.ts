import type { Browser, Page } from 'playwright-core';
import { launchChromium, newWorkbenchPage, screenshotOnFailure } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { repoRoot, type VsCodeRelease } from './paths';
import { copySampleWorkspace, scratchDir } from './scratch';
import { waitForExplorer } from './workbench';

export interface WorkbenchSession {
  /** The scratch copy of sample-workspace/ the workbench has open. */
  readonly workspace: string;
  readonly server: CodeServer;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * The workbench in Chromium on a scratch copy of sample-workspace/, with the extension either loaded from
 * this checkout (as under development) or installed from a .vsix (as a user gets it).
 */
export async function openWorkbench(name: string, extension: { readonly vsix: string; readonly vscode?: VsCodeRelease } | 'development', env?: Readonly<Record<string, string>>): Promise<WorkbenchSession> {
  const scratch = scratchDir(name);
  const workspace = copySampleWorkspace(scratch.path);
  const development = extension === 'development';
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    scratch.dispose();
  };
  try {
    // This checkout is linked in as an installed extension: the workbench then behaves as for a user (notification
    // toasts included, which the payload's smoke-test driver would hide).
    server = await startCodeServer({ name, workspace, smokeTestDriver: false, linkExtension: development ? repoRoot : undefined, vsix: development ? undefined : extension.vsix, vscode: development ? undefined : extension.vscode, env });
    browser = await launchChromium();
    const page = await newWorkbenchPage(browser);
    await page.goto(server.workbenchUrl());
    await waitForExplorer(page);
    return { workspace, server, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Mocha hooks for a suite that shares one workbench: opened before the suite, a screenshot of each
 * failed test, closed after. Returns the session for the tests to use.
 */
export function useWorkbench(name: string, extension: Parameters<typeof openWorkbench>[1]): () => WorkbenchSession {
  let session: WorkbenchSession | undefined;
  before(async () => {
    session = await openWorkbench(name, extension);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(session?.page, name);
  });
  after(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error(`the workbench for ${name} did not open`);
    return session;
  };
}
