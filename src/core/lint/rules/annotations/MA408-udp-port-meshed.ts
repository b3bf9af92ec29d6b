import { INJECT_ANNOTATION, isInjectValue } from '../../../inject';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import type { Rule } from '../../rule';

/**
 * Linkerd injects a pod with UDP ports: `checkUDPPorts` in linkerd2 pkg/inject/report.go only sets a flag that
 * `linkerd inject` prints as a warning; `Injectable` does not list it, so the pod is still injected.
 */
export const MA408: Rule = {
  code: 'MA408',
  name: 'udp-port-meshed',
  category: 'annotations',
  severity: 'info',
  summary: 'A meshed pod declares a UDP port: Linkerd still injects it, but UDP bypasses the proxy (no mTLS, no policy).',
  workspace: true,
  check(ctx) {
    const pod = ctx.workspace.objectAt(ctx.root)?.pod;
    const value = scalarText(pod?.annotation(INJECT_ANNOTATION));
    if (!pod || value === undefined || !isInjectValue(value) || value === 'disabled') return;
    for (const port of pod.ports) {
      if (port.protocol.toUpperCase() !== 'UDP') continue;
      ctx.report(
        nodeAt(ctx.doc, port.node, ['protocol']) ?? port.node,
        `Port ${port.port}/UDP is not proxied: Linkerd handles TCP only, so this traffic is neither encrypted nor authorized by policy. Linkerd still injects the pod ('linkerd inject' only warns).`,
      );
    }
  },
};
