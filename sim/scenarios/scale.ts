import type { TrafficEdge } from '../traffic/model';
import { app, namespace, type Scenario, type ScenarioOptions } from './scenario';

const NS = 'scale';
const REPLICAS = 10;
export const DEFAULT_SCALE_PODS = 1000;
export const MAX_SCALE_PODS = 5000;

/**
 * `pods` / 10 deployments of 10 pods each (1,000 pods by default, up to 5,000), every service calling the next
 * one in a ring, at 20–80 requests/s per edge: enough requests per window that the rates the sources read
 * can be held to the configured ones within 1 %.
 */
export function scale(options: ScenarioOptions): Scenario {
  const pods = options.pods ?? DEFAULT_SCALE_PODS;
  if (!Number.isInteger(pods) || pods < REPLICAS || pods > MAX_SCALE_PODS) throw new Error(`--pods must be a whole number from ${REPLICAS} to ${MAX_SCALE_PODS}, not ${pods}`);
  const deployments = Math.floor(pods / REPLICAS);
  const width = String(deployments - 1).length < 3 ? 3 : String(deployments - 1).length;
  const name = (i: number) => `svc-${String(i).padStart(width, '0')}`;
  const objects = [namespace(NS, options.meshed)];
  const edges: TrafficEdge[] = [];
  for (let i = 0; i < deployments; i++) {
    objects.push(...app(NS, { name: name(i), image: 'ghcr.io/stefanprodan/podinfo:6.7.1', port: 9898, replicas: REPLICAS, serviceAccount: name(i), service: { name: name(i), port: 9898 } }));
    const next = (i + 1) % deployments;
    edges.push({ namespace: NS, from: name(i), to: name(next), service: name(next), servicePort: 9898, targetPort: 9898, rps: 20 + (i % 7) * 10, successRate: i % 13 === 0 ? 0.95 : 0.999, latency: { p50: 3 + (i % 5), p99: 40 + (i % 11) * 5 } });
  }
  return { objects, edges };
}
