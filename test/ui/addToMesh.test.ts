import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { podTemplateInject } from '../harness/manifestOnDisk';
import { repoRoot } from '../harness/paths';
import { waitUntil } from '../harness/poll';
import { codeLens, openFromExplorer } from '../harness/workbench';
import { useWorkbench } from '../harness/workbenchSession';

describe('Add to mesh, clicked in the workbench', () => {
  const workbench = useWorkbench('ui-add-to-mesh', 'development');

  it('annotates the pod template of vote-bot on disk', async () => {
    const { page, workspace } = workbench();
    const file = join(workspace, 'vote-bot.yaml');
    assert.equal(podTemplateInject(file, 'vote-bot'), undefined, 'the sample vote-bot must start unmeshed');
    await openFromExplorer(page, 'vote-bot.yaml');
    const lens = codeLens(page, 'Add to mesh');
    await lens.waitFor({ state: 'visible', timeout: 60_000 });
    await lens.click();
    // The lens edits the document as one undoable step; saving is the user's move, as with any edit.
    await page.locator('.view-lines', { hasText: 'linkerd.io/inject' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+S');
    await waitUntil(() => podTemplateInject(file, 'vote-bot') === 'enabled', 20_000, 'vote-bot.yaml on disk never got linkerd.io/inject: enabled in its pod template');
    await codeLens(page, 'Remove from mesh').waitFor({ state: 'visible', timeout: 20_000 });
    // The README's picture of the feature: the saved edit and the lens's new state.
    await page.screenshot({ path: join(repoRoot, 'media', 'add-to-mesh.png') });
  });
});
