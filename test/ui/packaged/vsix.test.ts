import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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
  it('holds only what the extension needs at run time', () => {
    // python3 is in setup-tools' list; its zipfile module reads the archive as VS Code will.
    const names = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix], { encoding: 'utf8' })
      .trim().split('\n').filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
    for (const needed of ['package.json', 'dist/extension.js', 'dist/kube.js', 'dist/webview/traffic.js', 'dist/webview/trafficLayout.js',
      'media/icon.png', 'media/webview/meshaware.svg', 'media/webview/traffic.css', 'syntaxes/linkerd-annotations.tmLanguage.json',
      'readme.md', 'changelog.md', 'LICENSE.txt']) {
      assert.ok(names.includes(needed), `${needed} is missing from the package: ${names.join(', ')}`);
    }
    const unwanted = names.filter((n) => /^(src|test|sim|bench|scripts|webview|node_modules|sample-workspace|packages)\/|\.map$|^dist\/cli|\.ts$/.test(n));
    assert.deepEqual(unwanted, [], 'development files in the package');
  });

  // code-server, like VSCodium, installs extensions from a .vsix or Open VSX rather than Microsoft's Marketplace.
  for (const vscode of ['current', 'oldest'] as const) {
    describe(`in code-server with the ${vscode} VS Code it supports`, () => {
      const workbench = useWorkbench(`vsix-${vscode}`, { vsix, vscode });

      it('activates on a manifest and shows the Add to mesh lens', async () => {
        const { page, server } = workbench();
        await openFromExplorer(page, 'vote-bot.yaml');
        await codeLens(page, 'Add to mesh').waitFor({ state: 'visible', timeout: 60_000 });
        assert.match(extensionLogs(server.userDataDir), /Meshaware activated in/);
      });
    });
  }
});
