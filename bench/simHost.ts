// Runs a simulator in its own process for benchmarks that measure the product's memory and CPU: in the same
// process the simulator's own serving work would be counted as the product's. Options arrive as JSON in
// argv[2] (passed through as given, so options added to the simulator later work without a change here).
// Prints one line, the kubeconfig path, once serving; exits on SIGTERM.
import { startSimulator, type SimulatorOptions } from '../sim/simulator';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  const sim = await startSimulator(options);
  process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
  console.log(`KUBECONFIG ${sim.kubeconfigPath}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
