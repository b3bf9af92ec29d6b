/** Latency of one edge as a log-normal distribution, given by its median and 99th percentile (ms). */
export interface LatencyProfile {
  p50: number;
  p99: number;
}

/** Steady traffic from the pods of one Deployment to a Service backed by another. */
export interface TrafficEdge {
  namespace: string;
  from: string;
  to: string;
  toNamespace?: string;
  service: string;
  servicePort: number;
  targetPort: number;
  rps: number;
  /** Share of requests that succeed; the rest answer 500 (or gRPC Unknown). */
  successRate: number;
  latency: LatencyProfile;
  grpc?: boolean;
  /** The request's method and path, which HTTPRoutes match on (default GET /, or POST / for gRPC). */
  http?: { method: string; path: string };
  requestBytes?: number;
  responseBytes?: number;
}

export const LATENCY_BUCKETS_MS = [1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000, 4000, 5000, 10000, 20000, 30000, 40000, 50000];

/** Share of requests answered within `ms` milliseconds. */
export function latencyCdf(profile: LatencyProfile, ms: number): number {
  const mu = Math.log(profile.p50);
  const sigma = Math.max((Math.log(profile.p99) - mu) / 2.326, 1e-6);
  return normalCdf((Math.log(ms) - mu) / sigma);
}

export function meanLatency(profile: LatencyProfile): number {
  const mu = Math.log(profile.p50);
  const sigma = (Math.log(profile.p99) - mu) / 2.326;
  return Math.exp(mu + (sigma * sigma) / 2);
}

/** Φ(x) through the complementary error function (Numerical Recipes' erfc approximation, |ε| < 1.2e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + z / 2);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
