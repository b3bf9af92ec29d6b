// Proves the README's demo command on this machine, as CI does after `npm test`: starts `npm start` as a user
// would, waits for the URL it prints, loads the page in Chromium, and checks that the workbench shows the
// sample workspace with the extension active (its code lens on a manifest), then stops the demo.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { launchChromium, newWorkbenchPage } from './browser';
import { repoRoot, resultsDir } from './paths';
import { codeLens, openFromExplorer, waitForExplorer } from './workbench';

const urlTimeoutMs = 10 * 60_000;

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within ${urlTimeoutMs / 60_000} min`)), urlTimeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buffered += chunk.toString('utf8');
      const match = /^\s*(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)\s*$/m.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with code ${code} before printing its URL`));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

async function checkWorkbench(url: string): Promise<void> {
  const status = await httpStatus(url);
  if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
  const browser = await launchChromium();
  try {
    const page = await newWorkbenchPage(browser);
    await page.goto(url);
    await waitForExplorer(page);
    await openFromExplorer(page, 'vote-bot.yaml');
    // A lens appears only once the extension has activated and read the file.
    await codeLens(page, 'Add to mesh').waitFor({ state: 'visible', timeout: 90_000 });
    // The demo's only context is the simulated cluster: the status bar names it once the kubeconfig is read.
    await page.locator('.statusbar-item', { hasText: 'meshaware-sim' }).first().waitFor({ timeout: 60_000 });
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'demo.png') });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  // A process group of its own, so that stopping it also stops code-server and the simulator.
  const demo = spawn('npm', ['start'], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => {
    try {
      if (demo.pid) process.kill(-demo.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  try {
    const url = await waitForUrl(demo);
    await checkWorkbench(url);
    console.log('check-demo: npm start served the workbench with Meshaware active (screenshot: test-results/demo.png)');
  } finally {
    stop();
  }
}

main().catch((e: unknown) => {
  console.error(`check-demo: FAILED: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
