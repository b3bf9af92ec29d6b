import type { TrafficEdge } from '../traffic/model';
import { app, namespace, type Scenario, type ScenarioOptions } from './scenario';

const NS = 'emojivoto';
const IMAGE = (name: string) => `docker.l5d.io/buoyantio/emojivoto-${name}:v11`;

/**
 * The emojivoto demo: vote-bot drives web, web calls emoji and voting over gRPC, voting fails about a
 * fifth of its calls (the doughnut vote), and an unmeshed legacy client also calls web.
 */
export function emojivoto(options: ScenarioOptions): Scenario {
  const objects = [
    namespace(NS, options.meshed),
    ...app(NS, { name: 'emoji', image: IMAGE('emoji-svc'), port: 8080, serviceAccount: 'emoji', service: { name: 'emoji-svc', port: 8080 } }),
    ...app(NS, { name: 'voting', image: IMAGE('voting-svc'), port: 8080, serviceAccount: 'voting', service: { name: 'voting-svc', port: 8080 } }),
    ...app(NS, { name: 'web', image: IMAGE('web'), port: 8080, serviceAccount: 'web', service: { name: 'web-svc', port: 80 } }),
    ...app(NS, { name: 'vote-bot', image: IMAGE('web'), port: 8080, serviceAccount: 'vote-bot' }),
    ...app(NS, { name: 'legacy-client', image: 'curlimages/curl:8.10.1', port: 8080, podAnnotations: { 'linkerd.io/inject': 'disabled' } }),
  ];
  const edge = (from: string, to: string, service: string, servicePort: number, rest: Pick<TrafficEdge, 'rps' | 'successRate' | 'latency' | 'grpc' | 'http'>): TrafficEdge => ({ namespace: NS, from, to, service, servicePort, targetPort: 8080, ...rest });
  return {
    objects,
    edges: [
      edge('vote-bot', 'web', 'web-svc', 80, { http: { method: 'GET', path: '/api/vote' }, rps: 6, successRate: 0.9, latency: { p50: 14, p99: 120 } }),
      edge('legacy-client', 'web', 'web-svc', 80, { http: { method: 'GET', path: '/api/list' }, rps: 1.5, successRate: 0.99, latency: { p50: 12, p99: 90 } }),
      edge('web', 'emoji', 'emoji-svc', 8080, { http: { method: 'POST', path: '/emojivoto.v1.EmojiService/ListAll' }, rps: 7.5, successRate: 1, latency: { p50: 2, p99: 12 }, grpc: true }),
      edge('web', 'voting', 'voting-svc', 8080, { http: { method: 'POST', path: '/emojivoto.v1.VotingService/VoteDoughnut' }, rps: 3, successRate: 0.8, latency: { p50: 4, p99: 35 }, grpc: true }),
    ],
  };
}
