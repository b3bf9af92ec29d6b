/** The context has no Linkerd control plane, so there is no traffic to read. */
export class LinkerdAbsentError extends Error {
  constructor(readonly context: string, readonly namespace: string) {
    super(`Linkerd is not installed in "${context}" (no namespace "${namespace}" with linkerd-config).`);
    this.name = 'LinkerdAbsentError';
  }
}

/** linkerd-viz's Prometheus (or a configured one) did not answer. */
export class PrometheusUnreachableError extends Error {
  constructor(readonly url: string, readonly reason: string) {
    super(`Prometheus at ${url} did not answer: ${reason}.`);
    this.name = 'PrometheusUnreachableError';
  }
}
