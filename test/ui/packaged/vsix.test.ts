import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../harness/paths';
import { codeLens, openFromExplorer } from '../../harness/workbench';
import { useWorkbench } from '../../harness/workbenchSession';

const vsix = join(repoRoot, 'dist', 'meshaware.vsix');

/** The extension's own log lines, from the output channel files VS Code keeps under the user data dir. */
function extensionLogs(userDataDir: string): string {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return '';
  return readdirSync(logs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.includes('Meshaware'))
    .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'))
    .join('\n');
}

describe('the packaged .vsix, installed as a user would', () => {
  before(() => {
    assert.ok(existsSync(vsix), `${vsix} is missing: run 'npm run package'`);
  });
  const workbench = useWorkbench('vsix', { vsix });

  it('activates on a manifest and shows the Add to mesh lens', async () => {
    const { page, server } = workbench();
    await openFromExplorer(page, 'vote-bot.yaml');
    await codeLens(page, 'Add to mesh').waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(extensionLogs(server.userDataDir), /Meshaware activated in/);
  });
});
