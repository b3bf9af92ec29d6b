// Turns a failure into the panel's problem state: what went wrong and what to do next. Free of `vscode`.
import { ClusterError } from '../../core/cluster/errors';
import type { PanelProblem } from '../../shared/trafficProtocol';
import { LinkerdAbsentError, PrometheusUnreachableError, TooManyProxiesError } from '../../core/traffic/errors';
import { ProxiesUnreadableError } from '../../core/traffic/unread';

export function toProblem(e: unknown): PanelProblem {
  if (e instanceof LinkerdAbsentError) {
    return { kind: 'noLinkerd', message: e.message, hint: 'Run "Meshaware: Install Linkerd" (or the Get Started walkthrough), then add workloads to the mesh and restart them.' };
  }
  if (e instanceof PrometheusUnreachableError) {
    return { kind: 'prometheusUnreachable', message: e.message, hint: 'Check that linkerd-viz is running, or set meshaware.traffic.source to "proxies" to read the proxies directly.' };
  }
  if (e instanceof TooManyProxiesError) {
    return { kind: 'tooManyProxies', message: e.message, hint: e.hint };
  }
  if (e instanceof ProxiesUnreadableError) {
    return { kind: 'proxiesUnreadable', message: e.message, hint: e.hint };
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
