// The CLI as users get it: `npm run pack:cli`'s tarball installed offline into an empty folder (proving it needs
// no runtime dependency), then run through `npx meshaware` on the oldest Node.js the CLI supports and on Node 24.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { loadTools } from '../harness/paths';
import { installCli, packCli, run } from './cliInstall';

const badServer = `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: web-http
  namespace: emojivoto
spec:
  podSelector:
    matchLabels:
      app: web
  port: 70000
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: web:1
`;

describe('the packed CLI, installed into an empty folder', () => {
  let tarball: string;
  let fresh: Simulator;
  let meshed: Simulator;
  before(async function () {
    this.timeout(300_000);
    tarball = packCli();
    fresh = await startSimulator({ scenario: 'empty', readinessDelayMs: 50 });
    meshed = await startSimulator({ scenario: 'emojivoto', linkerd: 'installed', readinessDelayMs: 50 });
  });
  after(async () => {
    await fresh?.close();
    await meshed?.close();
  });

  const tools = loadTools();
  for (const [label, nodeDir, major] of [['the oldest the CLI supports', tools.nodeOldestDir, '20'], ['the one the tools run on', tools.node24Dir, '24']] as const) {
    describe(`on Node.js ${major} (${label})`, () => {
      let dir: string;
      let env: NodeJS.ProcessEnv;
      const meshaware = (args: string[], input?: string) => run(dir, env, 'npx', ['--no-install', 'meshaware', ...args], input);

      before(async function () {
        this.timeout(120_000);
        ({ dir, env } = await installCli(tarball, nodeDir, major));
      });

      it('--version prints the package version', async () => {
        const r = await meshaware(['--version']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
      });

      it('lint finds a Server port out of range and fails at --fail-on error', async () => {
        const k8s = join(dir, 'k8s');
        mkdirSync(k8s);
        writeFileSync(join(k8s, 'server.yaml'), badServer);
        const r = await meshaware(['lint', '--fail-on', 'error', '--format', 'json', 'k8s']);
        assert.equal(r.code, 1, r.stderr);
        const findings = JSON.parse(r.stdout) as { code: string; severity: string; file: string }[];
        assert.ok(findings.some((f) => f.severity === 'error' && f.file.endsWith('server.yaml')), r.stdout);
      });

      it('inject annotates the pod template from stdin', async () => {
        const r = await meshaware(['inject', '-'], deployment);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /template:\n {4}metadata:\n {6}annotations:\n {8}linkerd\.io\/inject: enabled\n/);
      });

      it('check and edges run against a cluster', async function () {
        this.timeout(120_000);
        const check = await meshaware(['check', '--pre', '--kubeconfig', fresh.kubeconfigPath]);
        assert.equal(check.code, 0, check.stdout + check.stderr);
        const edges = await meshaware(['edges', '-n', 'emojivoto', '-o', 'json', '--kubeconfig', meshed.kubeconfigPath]);
        assert.equal(edges.code, 0, edges.stderr);
        const parsed = JSON.parse(edges.stdout) as { edges: { source: { name: string }; destination: { name: string } }[] };
        assert.ok(parsed.edges.some((e) => e.source.name === 'vote-bot' && e.destination.name === 'web'), edges.stdout);
      });
    });
  }
});
