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

/**
 * Above this many meshed pods the view does not read every proxy on its own: each refresh would send that
 * many requests through the API server (and the kubelets) and cost the extension about a second and a half
 * of CPU per thousand pods (bench/RESULTS.md, trafficRefresh), growing linearly; linkerd-viz's Prometheus
 * answers the same queries from aggregates at a fraction of the cost.
 */
export const PROXY_SCRAPE_LIMIT = 1000;

/** `auto` found no linkerd-viz on a cluster too large to read proxy by proxy. */
export class TooManyProxiesError extends Error {
  readonly hint = 'Install linkerd-viz (linkerd viz install | kubectl apply -f -) and the view reads its Prometheus, or choose the proxies as the traffic source (setting meshaware.traffic.source, CLI --source proxies) to read them anyway.';
  constructor(readonly meshedPods: number) {
    super(`This cluster has ${meshedPods} meshed pods and no linkerd-viz: reading every proxy through the API server would send ${meshedPods} requests each refresh (the view does so up to ${PROXY_SCRAPE_LIMIT}).`);
    this.name = 'TooManyProxiesError';
  }

  get userMessage(): string {
    return `${this.message} ${this.hint}`;
  }
}
