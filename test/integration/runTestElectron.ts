// The integration tier in desktop VS Code, for machines where @vscode/test-electron can download it
// (`npm run test:electron`). Here, where it cannot, test/harness/runIntegration.ts runs the same suite in code-server.
import { runTests } from '@vscode/test-electron';
import { bundleIntegrationTests } from '../harness/bundleTests';
import { repoRoot } from '../harness/paths';
import { copySampleWorkspace, scratchDir } from '../harness/scratch';

async function main(): Promise<void> {
  const tests = await bundleIntegrationTests();
  const scratch = scratchDir('electron');
  try {
    const workspace = copySampleWorkspace(scratch.path);
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: tests.indexPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    scratch.dispose();
    tests.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(`test-electron: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
