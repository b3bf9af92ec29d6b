import { isSeq, type Node } from 'yaml';
import { nodeAt, scalarText } from '../../../yaml/manifest';
import { portSet } from '../../checks/ports';
import { annotationOf, stringMapAt } from '../../read';
import type { Rule } from '../../rule';

const OPAQUE = 'config.linkerd.io/opaque-ports';

export const MA319: Rule = {
  code: 'MA319',
  name: 'opaque-ports-mismatch',
  category: 'cross-object',
  severity: 'warning',
  summary: 'A Service and the pods it selects disagree about which ports are opaque.',
  workspace: true,
  check(ctx) {
    if (ctx.group !== '' || ctx.kind !== 'Service') return;
    const selector = stringMapAt(ctx.doc, ctx.spec, ['selector']);
    const ports = nodeAt(ctx.doc, ctx.spec, ['ports']);
    if (!selector.size || !isSeq(ports)) return;
    const serviceValue = scalarText(annotationOf(ctx.doc, ctx.root, OPAQUE));
    const servicePorts = ports.items.map((p) => ({
      node: p as Node,
      port: Number(scalarText(nodeAt(ctx.doc, p as Node, ['port']))),
      name: scalarText(nodeAt(ctx.doc, p as Node, ['name'])),
      target: scalarText(nodeAt(ctx.doc, p as Node, ['targetPort'])),
    }));
    const serviceOpaque = serviceValue === undefined ? undefined : portSet(serviceValue, (n) => servicePorts.find((p) => p.name === n)?.port);
    for (const w of ctx.workspace.selectionsIn(ctx.namespace).select({ matchLabels: selector, expressions: [] })) {
      const pod = w.pod!;
      const podValue = scalarText(pod.annotation(OPAQUE));
      if (podValue === undefined && serviceOpaque === undefined) continue;
      const podOpaque = portSet(podValue ?? '', (n) => pod.ports.find((p) => p.name === n)?.port);
      for (const sp of servicePorts) {
        const target = sp.target === undefined ? sp.port : /^\d+$/.test(sp.target) ? Number(sp.target) : pod.ports.find((p) => p.name === sp.target)?.port;
        if (target === undefined || !Number.isInteger(sp.port)) continue;
        if (serviceOpaque?.has(sp.port) && !podOpaque.has(target)) {
          ctx.report(sp.node, `Service port ${sp.port} is opaque but targets port ${target} of ${w.kind} '${w.name}', which is not: add ${target} to the pod template's ${OPAQUE} annotation, or traffic is protocol-detected on the pod side.`);
        } else if (podOpaque.has(target) && !serviceOpaque?.has(sp.port)) {
          ctx.report(sp.node, `${w.kind} '${w.name}' marks port ${target} opaque, but this Service port ${sp.port} targeting it is not: add ${sp.port} to the Service's ${OPAQUE} annotation so clients treat it as opaque too.`);
        }
      }
      return;
    }
  },
};
