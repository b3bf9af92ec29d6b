import type { Locator, Page } from 'playwright-core';

/** Waits for the workbench and its explorer, so the workspace folder is listed. */
export async function waitForExplorer(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
}

/** Opens a top-level file of the workspace the way a user does: a click in the explorer. */
export async function openFromExplorer(page: Page, fileName: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click();
  await page.locator(`.tabs-container .tab[data-resource-name="${fileName}"]`).first().waitFor({ timeout: 30_000 });
}

export function codeLens(page: Page, title: string): Locator {
  return page.locator('.codelens-decoration a', { hasText: title }).first();
}

/** Runs a command from the Command Palette, as a user types it. */
export async function palette(page: Page, command: string, timeout = 30_000): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${command}`, { timeout });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().click({ timeout });
}

/**
 * Waits for a notification, as a toast or, once its toast has gone, in the notification centre; returns the row so
 * its buttons can be clicked.
 */
export async function notification(page: Page, text: string | RegExp, timeout: number): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const centre = page.locator('.notifications-center .monaco-list-row', { hasText: text }).first();
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await toast.isVisible()) return toast;
    if (await centre.isVisible()) return centre;
    // After a few seconds a toast hides itself: look in the centre too (its command toggles nothing when open).
    if (!(await page.locator('.notifications-center.visible').isVisible()) && Date.now() > deadline - timeout + 5000) {
      // A dialog or a toast animating in can make the palette inert for a moment: close it and try next round.
      await palette(page, 'Notifications: Show Notifications', 5_000).catch(() => page.keyboard.press('Escape'));
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no notification matching ${String(text)} within ${timeout / 1000} s`);
}

/** The open modal dialog, once it shows. */
export async function dialog(page: Page, text: string | RegExp, timeout = 60_000): Promise<Locator> {
  const box = page.locator('.monaco-dialog-box', { hasText: text }).first();
  await box.waitFor({ timeout });
  return box;
}

export async function dialogButton(page: Page, label: string, timeout = 60_000): Promise<void> {
  const button = page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
  await button.waitFor({ timeout });
  await button.click();
}

/**
 * Waits for a line of code lenses (all the lenses above one source line) whose text matches, in the active editor,
 * and returns its text; the error lists the lens lines there are.
 */
export async function lensLine(page: Page, text: string | RegExp, timeout = 30_000): Promise<string> {
  // Every visible editor group: a button pressed on the walkthrough leaves its own group active, beside the manifest.
  const lines = page.locator('.editor-group-container .codelens-decoration');
  const start = Date.now();
  const deadline = start + timeout;
  let seen: string[] = [];
  let focused = false;
  while (Date.now() < deadline) {
    seen = await lines.allInnerTexts();
    const hit = seen.find((t) => (typeof text === 'string' ? t.includes(text) : text.test(t)));
    if (hit) return hit;
    if (!focused && Date.now() - start > 3000) {
      // The workbench drops a pending lens update when its editor loses focus (a click in the explorer, the palette)
      // and shows its cached lenses until the next change or focus; under load its debounce grows to seconds, so
      // the focus moves of a test fall inside it. Look at the editor as a person would: focus it once.
      focused = true;
      await palette(page, 'View: Focus Active Editor Group', 5_000).catch(() => page.keyboard.press('Escape'));
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`no code lens line matching ${String(text)} within ${timeout / 1000} s; the editors show:\n${seen.join('\n')}`);
}

/** The colour the editor paints a token in (the first token span whose text matches), for checking grammar and theme together. */
export async function tokenColour(page: Page, text: RegExp): Promise<string> {
  const span = page.locator('.view-line span span', { hasText: text }).first();
  return span.evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).color);
}

/** Moves the cursor of the active editor to a line (1-based) with Go to Line, which also scrolls it into view. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}`);
  // Under load the quick input can take the Enter before it has read the typed line and then stays open:
  // Enter again until it closes, as a person would.
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Enter');
    try {
      await input.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
