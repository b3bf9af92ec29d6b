import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Where this tier finds Linkerd's own material: Linkerd 2.20's charts and `linkerd install` goldens under
 * a `shared/reference` folder beside the checkout (or any folder above it), or where
 * MESHAWARE_LINKERD_REFERENCE points. Tests read them there and never copy them into the repository.
 */
function findReference(): string | undefined {
  const given = process.env.MESHAWARE_LINKERD_REFERENCE;
  if (given) return resolve(given);
  for (let dir = resolve(__dirname, '../../..'); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'reference');
    if (existsSync(join(candidate, 'linkerd-2.20-charts'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export const REFERENCE = findReference();
export const CHARTS = REFERENCE && join(REFERENCE, 'linkerd-2.20-charts');
export const GOLDENS = REFERENCE && join(REFERENCE, 'linkerd-2.20-manifests');

const GO_ENV = { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode' };

/** Why the tier cannot run here, if it cannot: no reference material, or no Go toolchain with the libraries. */
export function missingPrerequisite(): string | undefined {
  if (!REFERENCE) return 'Linkerd 2.20 reference charts not found (no shared/reference beside the checkout; set MESHAWARE_LINKERD_REFERENCE)';
  try {
    execFileSync('go', ['version'], { env: GO_ENV, stdio: 'pipe' });
  } catch {
    return 'Go is not installed (Debian packages golang-go, golang-k8s-sigs-yaml-dev, golang-github-masterminds-sprig-dev; scripts/setup-tools.sh installs them)';
  }
  return undefined;
}

/**
 * Runs in each suite's `before`: without its prerequisites the tier is skipped loudly on a developer
 * machine and fails under CI, where a silent skip would pass a check that never ran.
 */
export function requirePrerequisites(ctx: Mocha.Context): void {
  const missing = missingPrerequisite();
  if (!missing) return;
  if (process.env.CI) throw new Error(`The Linkerd tier cannot run: ${missing}.`);
  console.warn(`\n  SKIPPED (not under CI): ${missing}.\n`);
  ctx.skip();
}

let binary: string | undefined;

/** Builds test/linkerd-render once per run, offline, in GOPATH mode against Debian's Go libraries. */
export function linkerdRenderBinary(): string {
  if (binary) return binary;
  const out = join(mkdtempSync(join(tmpdir(), 'meshaware-linkerd-render-')), 'linkerd-render');
  execFileSync('go', ['build', '-o', out, '.'], { cwd: join(__dirname, '../../linkerd-render'), env: { ...GO_ENV, GOFLAGS: '' }, stdio: 'pipe' });
  binary = out;
  return out;
}
