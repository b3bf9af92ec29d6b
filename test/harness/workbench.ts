import type { Locator, Page } from 'playwright-core';

/** Waits for the workbench and its explorer, so the workspace folder is listed. */
export async function waitForExplorer(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
}

/** Opens a top-level file of the workspace the way a user does: a click in the explorer. */
export async function openFromExplorer(page: Page, fileName: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click();
  await page.locator(`.tabs-container .tab[data-resource-name="${fileName}"]`).waitFor({ timeout: 30_000 });
}

export function codeLens(page: Page, title: string): Locator {
  return page.locator('.codelens-decoration a', { hasText: title }).first();
}
