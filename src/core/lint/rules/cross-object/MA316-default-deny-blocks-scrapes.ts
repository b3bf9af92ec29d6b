import { INJECT_ANNOTATION } from '../../../inject';
import { scalarText } from '../../../yaml/manifest';
import { resolvePort, serverPort, serverSpec } from '../../model/servers';
import { annotationOf } from '../../read';
import type { Rule } from '../../rule';

const POLICY_KEY = 'config.linkerd.io/default-inbound-policy';

export const MA316: Rule = {
  code: 'MA316',
  name: 'default-deny-blocks-scrapes',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A pod denies inbound traffic by default, and no Server opens the port Prometheus scrapes.',
  workspace: true,
  check(ctx) {
    const self = ctx.workspace.objectAt(ctx.root);
    const pod = self?.pod;
    if (!pod?.annotations) return;
    const own = (key: string) => scalarText(pod.annotation(key));
    if (own('prometheus.io/scrape') !== 'true') return;
    const port = Number(own('prometheus.io/port'));
    if (!Number.isInteger(port) || port < 1) return;
    const ns = ctx.workspace.namespaceObject(ctx.namespace);
    const inherited = (key: string) => (ns ? scalarText(annotationOf(ns.doc, ns.root, key)) : undefined);
    const meshed = (own(INJECT_ANNOTATION) ?? inherited(INJECT_ANNOTATION)) === 'enabled';
    if (!meshed || (own(POLICY_KEY) ?? inherited(POLICY_KEY)) !== 'deny') return;
    const covered = ctx.workspace.selectionsIn(ctx.namespace).serversSelecting(self!).some((s) => {
      const p = serverPort(s.doc, serverSpec(s));
      return p !== undefined && resolvePort(p, pod).includes(port);
    });
    if (covered) return;
    const node = pod.annotation('prometheus.io/port') ?? pod.annotations;
    ctx.report(node, `Inbound traffic defaults to deny for this pod, and no Server covers port ${port}: Prometheus scrapes of it will be refused (kubelet probes are still allowed). Add a Server for port ${port} with an AuthorizationPolicy for the Prometheus service account.`);
  },
};
