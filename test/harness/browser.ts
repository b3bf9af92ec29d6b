import { chromium, type Browser, type Page } from 'playwright-core';
import { join } from 'node:path';
import { resultsDir } from './paths';

/** Debian's Chromium: playwright's own browser download does not work offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.MESHAWARE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export function newWorkbenchPage(browser: Browser): Promise<Page> {
  return browser.newPage({ viewport: { width: 1400, height: 900 } });
}

/** Best effort: a failure screenshot must never hide the error that caused it. */
export async function screenshotOnFailure(page: Page | undefined, name: string): Promise<void> {
  if (!page) return;
  const path = join(resultsDir, `${name}-failure.png`);
  try {
    await page.screenshot({ path });
    console.error(`  failure screenshot: ${path}`);
  } catch {
    // The page or browser is already gone.
  }
}
