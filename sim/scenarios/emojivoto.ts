import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../store/types';
import type { TrafficEdge } from '../traffic/model';
import type { Scenario, ScenarioOptions } from './scenario';

const NS = 'emojivoto';
/**
 * The app runs exactly what the sample workspace declares, so that applying the untouched workspace changes
 * nothing, Open manifest finds every workload and the sample policy selects the pods that run.
 * policy.yaml is left to the user: its kinds exist only once Linkerd's CRDs are installed.
 */
export const SAMPLE_WORKSPACE = sampleWorkspace(__dirname);
const APP_FILES = ['namespace.yaml', 'emojivoto.yaml', 'vote-bot.yaml', 'legacy-client.yaml'];

/** The repository's sample-workspace/, found from here up (the simulator also runs bundled into test output). */
function sampleWorkspace(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'sample-workspace');
    if (existsSync(join(candidate, 'emojivoto.yaml'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`no sample-workspace/ above ${from}`);
  }
}

/** The sample workspace's app manifests, as the API server would receive them from `kubectl apply -f`. */
export function sampleObjects(): KubeObject[] {
  return APP_FILES.flatMap((file) =>
    parseAllDocuments(readFileSync(join(SAMPLE_WORKSPACE, file), 'utf8'))
      .map((d) => d.toJS() as KubeObject | null)
      .filter((o): o is KubeObject => o !== null),
  );
}

/**
 * The emojivoto demo: vote-bot drives web, web calls emoji and voting over gRPC, voting fails about a fifth of its
 * calls (the doughnut vote), and an unmeshed legacy client in its own namespace also calls web.
 */
export function emojivoto(options: ScenarioOptions): Scenario {
  // Started with Linkerd installed, the app's namespace is meshed, as after `Add namespace to mesh` and a restart.
  const objects = sampleObjects().map((o) =>
    options.meshed && o.kind === 'Namespace' && o.metadata.name === NS ? { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, 'linkerd.io/inject': 'enabled' } } } : o,
  );
  const edge = (from: string, to: string, service: string, servicePort: number, rest: Pick<TrafficEdge, 'rps' | 'successRate' | 'latency' | 'grpc' | 'http'>, fromNamespace = NS): TrafficEdge => ({
    namespace: fromNamespace,
    from,
    to,
    toNamespace: NS,
    service,
    servicePort,
    targetPort: 8080,
    ...rest,
  });
  return {
    objects,
    edges: [
      edge('vote-bot', 'web', 'web-svc', 80, { http: { method: 'GET', path: '/api/vote' }, rps: 6, successRate: 0.9, latency: { p50: 14, p99: 120 } }),
      edge('legacy-client', 'web', 'web-svc', 80, { http: { method: 'GET', path: '/api/list' }, rps: 1.5, successRate: 0.99, latency: { p50: 12, p99: 90 } }, 'legacy'),
      edge('web', 'emoji', 'emoji-svc', 8080, { http: { method: 'POST', path: '/emojivoto.v1.EmojiService/ListAll' }, rps: 7.5, successRate: 1, latency: { p50: 2, p99: 12 }, grpc: true }),
      edge('web', 'voting', 'voting-svc', 8080, { http: { method: 'POST', path: '/emojivoto.v1.VotingService/VoteDoughnut' }, rps: 3, successRate: 0.8, latency: { p50: 4, p99: 35 }, grpc: true }),
    ],
  };
}
