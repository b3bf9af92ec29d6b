// Turns a failure into the panel's problem state: what went wrong and what to do next. Free of `vscode`.
import { ClusterError } from '../../core/cluster/errors';
import type { PanelProblem } from '../../shared/trafficProtocol';

/** Thrown by the traffic source when the context has no Linkerd control plane. */
export class LinkerdAbsentError extends Error {
  constructor(readonly context: string, readonly namespace: string) {
    super(`Linkerd is not installed in "${context}" (no namespace "${namespace}" with linkerd-config).`);
    this.name = 'LinkerdAbsentError';
  }
}

/** Thrown by the traffic source when the configured or port-forwarded Prometheus does not answer. */
export class PrometheusUnreachableError extends Error {
  constructor(readonly url: string, readonly reason: string) {
    super(`Prometheus at ${url} did not answer: ${reason}.`);
    this.name = 'PrometheusUnreachableError';
  }
}

export function toProblem(e: unknown): PanelProblem {
  if (e instanceof LinkerdAbsentError) {
    return { kind: 'noLinkerd', message: e.message, hint: 'Install the Linkerd control plane (linkerd install --crds | kubectl apply -f -, then linkerd install | kubectl apply -f -), then add workloads to the mesh.' };
  }
  if (e instanceof PrometheusUnreachableError) {
    return { kind: 'prometheusUnreachable', message: e.message, hint: 'Check that linkerd-viz is running, or set meshaware.traffic.source to "proxies" to read the proxies directly.' };
  }
  if (e instanceof ClusterError) {
    switch (e.kind) {
      case 'noContext':
        return { kind: 'noContext', message: e.message, hint: e.hint };
      case 'forbidden':
        return { kind: 'forbidden', message: e.message, hint: e.hint };
      case 'unreachable':
      case 'certificate':
      case 'unauthorized':
      case 'timeout':
        return { kind: 'unreachable', message: e.message, hint: e.hint };
      default:
        return { kind: 'error', message: e.message, hint: e.hint || 'Retry; if it persists, see the Meshaware log.' };
    }
  }
  return { kind: 'error', message: e instanceof Error ? e.message : String(e), hint: 'Retry; if it persists, see the Meshaware log.' };
}
