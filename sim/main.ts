import { parseArgs } from 'node:util';
import type { ForbiddenRule } from './faults';
import { startSimulator } from './simulator';

const USAGE = `usage: npm run sim -- [--scenario emojivoto|scale|empty] [--pods N] [--linkerd none|installed] [--prometheus] [--scrape-interval S]
    [--kubeconfig-out FILE] [--port N]
    [--readiness-delay-ms N] [--api-latency-ms N] [--error-rate 0..1] [--forbid RESOURCE[.GROUP][,...]]
    [--drop-watches-after-ms N] [--token-expired] [--wrong-ca]`;

/** Runs the simulated cluster in the foreground until interrupted. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'emojivoto' },
      linkerd: { type: 'string', default: 'none' },
      prometheus: { type: 'boolean' },
      'scrape-interval': { type: 'string' },
      pods: { type: 'string' },
      port: { type: 'string', default: '0' },
      'kubeconfig-out': { type: 'string' },
      'readiness-delay-ms': { type: 'string', default: '1500' },
      'api-latency-ms': { type: 'string' },
      'error-rate': { type: 'string' },
      forbid: { type: 'string' },
      'drop-watches-after-ms': { type: 'string' },
      'token-expired': { type: 'boolean' },
      'wrong-ca': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (values.linkerd !== 'none' && values.linkerd !== 'installed') throw new Error(`--linkerd must be none or installed\n${USAGE}`);
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const sim = await startSimulator({
    port: Number(values.port),
    kubeconfigPath: values['kubeconfig-out'],
    readinessDelayMs: Number(values['readiness-delay-ms']),
    scenario: values.scenario,
    linkerd: values.linkerd,
    prometheus: values.prometheus,
    scrapeIntervalSeconds: number(values['scrape-interval']),
    pods: number(values.pods),
    faults: {
      latencyMs: number(values['api-latency-ms']),
      errorRate: number(values['error-rate']),
      forbidden: values.forbid?.split(',').map(forbiddenRule),
      dropWatchesAfterMs: number(values['drop-watches-after-ms']),
      tokenExpired: values['token-expired'],
      wrongCa: values['wrong-ca'],
    },
  });
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`meshaware simulated cluster ready at ${sim.url} (context ${sim.contextName}, kubeconfig ${sim.kubeconfigPath}${sim.prometheusUrl ? `, viz Prometheus at ${sim.prometheusUrl}` : ''})`);
}

/** `deployments.apps` names resource and group, as kubectl does. */
function forbiddenRule(text: string): ForbiddenRule {
  const [resource, ...group] = text.split('.');
  return { resource, group: group.join('.') };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
