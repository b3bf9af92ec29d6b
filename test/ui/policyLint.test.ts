import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';
import { waitUntil } from '../harness/poll';
import { goToLine, openFromExplorer } from '../harness/workbench';
import { useWorkbench } from '../harness/workbenchSession';

/** The line of sample-workspace/policy.yaml with the emoji-grpc Server's protocol. */
const LINE = 14;
const CLEAN = '  proxyProtocol: gRPC';
const BROKEN = '  proxyProtocol: grpc';
const MESSAGE = "proxyProtocol 'grpc' is not valid";

function lineOnDisk(file: string, line: number): string | undefined {
  // The file may be read mid-write; a failed read is just another poll.
  try {
    return readFileSync(file, 'utf8').split('\n')[line - 1];
  } catch {
    return undefined;
  }
}

/**
 * A policy typo found and fixed in the workbench, the way a user meets the lint: save a broken Server,
 * see the squiggle and the Problems entry, apply the quick fix from Ctrl+., save. The moment with the
 * quick-fix menu open is the README's picture.
 */
describe('Policy lint in the workbench', () => {
  const workbench = useWorkbench('ui-policy-lint', 'development');

  it('flags a bad proxyProtocol on save and fixes it with the quick fix', async () => {
    const { page, workspace } = workbench();
    const file = join(workspace, 'policy.yaml');
    const original = readFileSync(file, 'utf8');
    assert.equal(lineOnDisk(file, LINE), CLEAN, 'sample-workspace/policy.yaml changed: LINE must point at the emoji-grpc proxyProtocol');
    await openFromExplorer(page, 'policy.yaml');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').waitFor({ timeout: 30_000 });

    // The typo a user makes: the protocol in lower case, which the policy webhook denies (MA202).
    await goToLine(page, LINE);
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.type('grpc');
    // Word-based suggestions may pop up while typing; they must not take the save keystroke.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
    await waitUntil(() => lineOnDisk(file, LINE) === BROKEN, 20_000, `policy.yaml line ${LINE} on disk never became "${BROKEN}"`);

    // Lint on save: a squiggle in the editor, on that line only (the one error in the file).
    const squiggle = editor.locator('.squiggly-error');
    await squiggle.first().waitFor({ timeout: 30_000 });
    assert.equal(await squiggle.count(), 1, 'one error squiggle, for the one broken line');

    // The Problems panel lists it with its code and message.
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ timeout: 20_000 });
    const entry = problems.locator('.monaco-list-row', { hasText: MESSAGE });
    await entry.first().waitFor({ timeout: 30_000 });
    assert.equal(await entry.count(), 1, 'one Problems entry for the broken line');
    const entryText = await entry.first().innerText();
    assert.match(entryText, /MA202/, `the Problems entry names its rule: ${entryText}`);
    assert.match(entryText, new RegExp(`\\[Ln ${LINE}, Col 18\\]`), `the Problems entry points at the value: ${entryText}`);

    // The cursor on the squiggle, as a user clicks it, then Ctrl+. for the quick fixes.
    const box = await squiggle.first().boundingBox();
    assert.ok(box, 'the squiggle is on screen');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    // A person's pause between the click and the keys: without it the menu did not open in about one run
    // of three, most likely because the editor's own debounced code-action request for the new cursor
    // position replaced the one Ctrl+. started.
    await page.waitForTimeout(1000);
    // The menu's own element, not the (hidden) submenu panel that shares its class.
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
    // Under load the menu still failed to open about once in a full UI run (the lightbulb showed): press again, as a
    // person would when nothing happens.
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await menu.waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
    const fix = menu.locator('.monaco-list-row', { hasText: "Change to 'gRPC'" });
    await fix.waitFor({ timeout: 20_000 });
    // The suppression is always offered next to the rule's own fix.
    await menu.locator('.monaco-list-row', { hasText: 'Suppress MA202 on this line' }).waitFor({ timeout: 5_000 });
    // The README's picture: the squiggle, the fixes on offer and the Problems entry.
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(repoRoot, 'media', 'policy-lint.png') });

    await fix.click();
    await menu.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.keyboard.press('Control+S');
    // The fix changes the one value and nothing else: the file is the sample again, byte for byte.
    await waitUntil(() => {
      try {
        return readFileSync(file, 'utf8') === original;
      } catch {
        return false;
      }
    }, 20_000, `policy.yaml on disk is not the clean sample after the fix; line ${LINE}: ${JSON.stringify(lineOnDisk(file, LINE))}`);
    // Revalidated on save: the entry and the squiggle go away; the panel still shows, now with no problems at all.
    await entry.first().waitFor({ state: 'detached', timeout: 30_000 });
    await squiggle.first().waitFor({ state: 'detached', timeout: 30_000 });
    await problems.getByText('No problems have been detected in the workspace').waitFor({ timeout: 10_000 });
  });
});
