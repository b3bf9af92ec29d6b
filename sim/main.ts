import { parseArgs } from 'node:util';
import { startSimulator } from './simulator';

/** `npm run sim -- [--port N] [--kubeconfig-out FILE]`: runs the simulated cluster in the foreground. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'kubeconfig-out': { type: 'string' },
      'readiness-delay-ms': { type: 'string', default: '1000' },
    },
  });
  const sim = await startSimulator({
    port: Number(values.port),
    kubeconfigPath: values['kubeconfig-out'],
    readinessDelayMs: Number(values['readiness-delay-ms']),
  });
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`meshaware simulated cluster ready at ${sim.url} (context ${sim.contextName}, kubeconfig ${sim.kubeconfigPath})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
