// Activation time of the packaged extension in a real VS Code (code-server): what the extension itself logs
// ("Meshaware activated in N ms") when a manifest opens, next to the time to the first code lens, and, as the
// in-run baseline, the time V8 takes just to parse the bundle (running it needs the VS Code API).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { repoRoot } from '../test/harness/paths';
import { codeLens, openFromExplorer } from '../test/harness/workbench';
import { openWorkbench } from '../test/harness/workbenchSession';
import { median } from './measure';

const bundle = join(repoRoot, 'dist', 'extension.js');

function activationLogged(userDataDir: string): number | undefined {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return undefined;
  for (const d of readdirSync(logs, { recursive: true, withFileTypes: true })) {
    if (!d.isFile() || !d.name.includes('Meshaware')) continue;
    const m = /Meshaware activated in ([\d.]+) ms/.exec(readFileSync(join(d.parentPath, d.name), 'utf8'));
    if (m) return Number(m[1]);
  }
  return undefined;
}

async function main(): Promise<void> {
  if (!existsSync(bundle)) throw new Error('build first: npm run build');
  const source = readFileSync(bundle, 'utf8');
  const compile = median(
    Array.from({ length: 7 }, () => {
      const t0 = process.hrtime.bigint();
      new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle });
      return Number(process.hrtime.bigint() - t0) / 1e6;
    }),
  );
  const session = await openWorkbench('bench-activation', 'development');
  try {
    const t0 = Date.now();
    await openFromExplorer(session.page, 'vote-bot.yaml');
    await codeLens(session.page, 'Add to mesh').waitFor({ state: 'visible', timeout: 60_000 });
    const firstLens = Date.now() - t0;
    let logged: number | undefined;
    for (let i = 0; i < 50 && logged === undefined; i++) {
      logged = activationLogged(session.server.userDataDir);
      if (logged === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    if (logged === undefined) throw new Error('the extension never logged its activation time');
    console.log(`${'activate() (as logged by the extension)'.padEnd(44)} ${logged.toFixed(1).padStart(9)} ms  = ${(logged / compile).toFixed(2)}x parsing dist/extension.js (${compile.toFixed(1)} ms)`);
    console.log(`${'open manifest to first "Add to mesh" lens'.padEnd(44)} ${String(firstLens).padStart(9)} ms  (workbench, editor and extension host included)`);
  } finally {
    await session.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
