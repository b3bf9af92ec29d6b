import type { TrafficEdge } from '../traffic/model';
import { app, namespace, type Scenario, type ScenarioOptions } from './scenario';

const NS = 'scale';
const DEPLOYMENTS = 100;
const REPLICAS = 10;

/** 100 deployments of 10 pods each, every service calling the next one in a ring. */
export function scale(options: ScenarioOptions): Scenario {
  const name = (i: number) => `svc-${String(i).padStart(3, '0')}`;
  const objects = [namespace(NS, options.meshed)];
  const edges: TrafficEdge[] = [];
  for (let i = 0; i < DEPLOYMENTS; i++) {
    objects.push(...app(NS, { name: name(i), image: 'ghcr.io/stefanprodan/podinfo:6.7.1', port: 9898, replicas: REPLICAS, serviceAccount: name(i), service: { name: name(i), port: 9898 } }));
    edges.push({ namespace: NS, from: name(i), to: name((i + 1) % DEPLOYMENTS), service: name((i + 1) % DEPLOYMENTS), servicePort: 9898, targetPort: 9898, rps: 2 + (i % 7), successRate: i % 13 === 0 ? 0.95 : 0.999, latency: { p50: 3 + (i % 5), p99: 40 + (i % 11) * 5 } });
  }
  return { objects, edges };
}
