// `npm start`: the same code-server launcher the tests use, left running for a person to click through, with
// the simulated cluster (emojivoto, Linkerd not installed yet) as the workspace's only Kubernetes context.
import { join } from 'node:path';
import { startSimulator } from '../../sim/simulator';
import { startCodeServer } from './codeServer';
import { repoRoot } from './paths';
import { copySampleWorkspace, scratchDir } from './scratch';

async function main(): Promise<void> {
  const scratch = scratchDir('demo');
  const workspace = copySampleWorkspace(scratch.path);
  const port = process.env.MESHAWARE_DEMO_PORT ? Number(process.env.MESHAWARE_DEMO_PORT) : undefined;
  const sim = await startSimulator({ scenario: 'emojivoto', linkerd: 'none', kubeconfigPath: join(scratch.path, 'kubeconfig') });
  const server = await startCodeServer({ name: 'demo', workspace, smokeTestDriver: false, linkExtension: repoRoot, port, env: { KUBECONFIG: sim.kubeconfigPath } });
  const url = server.workbenchUrl();
  console.log(`\nMeshaware demo: open this URL in a browser (the extension loads from ${repoRoot}):\n\n  ${url}\n`);
  console.log(`Workspace (a scratch copy of sample-workspace/): ${workspace}`);
  console.log(`Simulated cluster: ${sim.url}, context ${sim.contextName}; kubeconfig ${sim.kubeconfigPath} (try: KUBECONFIG=${sim.kubeconfigPath} kubectl get pods -A)`);
  console.log('Start with the "Get started with Linkerd in Meshaware" walkthrough (Help > Welcome, or "Welcome: Open Walkthrough...").');
  console.log(`Server log: ${server.logPath}\nPress Ctrl-C to stop.`);
  const shutdown = async () => {
    console.log('\nStopping code-server...');
    await server.stop();
    await sim.close();
    scratch.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
