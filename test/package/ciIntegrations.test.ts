// The two CI integrations the README documents, run as far as this machine allows: the GitHub Actions
// workflow's lint step with its own command line (its SARIF judged by the SARIF Multitool with GitHub's rules),
// and the pre-commit hook, installed by the real pre-commit from this repository.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import multitool from '@microsoft/sarif-multitool';
import { parse } from 'yaml';
import { loadTools, repoRoot } from '../harness/paths';
import { installCli, packCli, run, type InstalledCli } from './cliInstall';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

const badPolicy = join(repoRoot, 'test', 'fixtures', 'lint', 'MA201', 'bad.yaml');

/** A repository with one manifest the policy webhook would deny. */
function repositoryWithBadPolicy(): string {
  const repo = mkdtempSync(join(tmpdir(), 'mw-ci-repo-'));
  mkdirSync(join(repo, 'k8s'));
  cpSync(badPolicy, join(repo, 'k8s', 'policy.yaml'));
  return repo;
}

describe('CI integrations of the CLI package', () => {
  let cli: InstalledCli;
  before(async function () {
    this.timeout(300_000);
    cli = await installCli(packCli(), loadTools().node24Dir, '24');
  });

  it("docs/ci/github-actions.yml: its lint step writes SARIF that code scanning accepts, and fails on findings", async function () {
    this.timeout(120_000);
    const workflow = parse(readFileSync(join(repoRoot, 'docs', 'ci', 'github-actions.yml'), 'utf8')) as { env: Record<string, string>; jobs: { lint: { steps: Step[] } } };
    const steps = workflow.jobs.lint.steps;
    const lint = steps.find((s) => s.run?.includes('meshaware lint'))!;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    assert.ok(lint && upload, 'the workflow has a lint step and an upload step');
    const sarifFile = upload.with!.sarif_file;
    assert.match(lint.run!, new RegExp(`> ${sarifFile}$`), 'the lint step writes the file the upload step reads');
    // The published package is what the runner fetches; here the same package comes from the local install.
    const command = lint.run!.replace(/^npx --yes --package @meshaware\/cli@\S+ meshaware /, `${join(cli.dir, 'node_modules', '.bin', 'meshaware')} `);
    assert.notEqual(command, lint.run, 'the step runs the @meshaware/cli package');
    const repo = repositoryWithBadPolicy();
    const r = await run(repo, { ...cli.env, MESHAWARE_PATHS: workflow.env.MESHAWARE_PATHS }, 'bash', ['-c', command]);
    assert.equal(r.code, 1, `the step fails on an error finding: ${r.stderr}`);
    const log = JSON.parse(readFileSync(join(repo, sarifFile), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.ok(log.runs[0].results.some((x) => x.ruleId === 'MA201' && x.locations[0].physicalLocation.artifactLocation.uri === 'k8s/policy.yaml'));
    execFileSync(multitool, ['validate', join(repo, sarifFile), '--rule-kind', 'Sarif;Gh', '--output', join(repo, 'validation.sarif'), '--log', 'ForceOverwrite'], { stdio: 'pipe' });
    const validation = JSON.parse(readFileSync(join(repo, 'validation.sarif'), 'utf8')) as { runs: { results: { level: string; message: { text: string } }[] }[] };
    assert.deepEqual(validation.runs[0].results.filter((x) => x.level !== 'note').map((x) => x.message.text), []);
  });

  it('.pre-commit-hooks.yaml: pre-commit installs the hook from this repository and it fails the commit on an error', async function () {
    this.timeout(300_000);
    const repo = repositoryWithBadPolicy();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    // The hook names the published package; a user's config may override it, as this one does with the local tarball.
    writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${repoRoot}\n    rev: ${head}\n    hooks:\n      - id: meshaware-lint\n        additional_dependencies: [${packCli()}]\n`);
    git('add', '-A');
    // pre-commit installs the hook's environment from the registry: it needs the machine's proxy and CA settings.
    const machine = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
    const env = { ...machine, ...cli.env, PRE_COMMIT_HOME: join(repo, '.pre-commit-cache'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    const failing = await run(repo, env, 'pre-commit', ['run', '--all-files']);
    assert.equal(failing.code, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /k8s\/policy\.yaml:\d+:\d+ error MA201/);
    writeFileSync(join(repo, 'k8s', 'policy.yaml'), readFileSync(badPolicy.replace('bad.yaml', 'good.yaml'), 'utf8'));
    git('add', '-A');
    const passing = await run(repo, env, 'pre-commit', ['run', '--all-files']);
    assert.equal(passing.code, 0, passing.stdout + passing.stderr);
  });
});
