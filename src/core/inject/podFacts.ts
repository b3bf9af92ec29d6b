import { isScalar, isSeq, type Document, type Node } from 'yaml';
import { nodeAt, stringAt } from '../yaml/manifest';
import type { Blocker } from './types';
import { PROXY_CONTAINER } from '../linkerd';

/**
 * What Linkerd checks in a pod spec before it injects, read as the API server would receive it. Sources
 * (linkerd2): `pkg/healthcheck/sidecar.go` `HasExistingSidecars` (these names and image prefixes, in
 * containers and init containers), `pkg/inject/report.go` (`HostNetwork`, `checkUDPPorts` over containers),
 * `pkg/inject/inject.go` `IsControlPlaneComponent` (the pod's `linkerd.io/control-plane-component` label).
 */
const LINKERD_PROXY = { names: [PROXY_CONTAINER], images: ['cr.l5d.io/linkerd/proxy:'] };
const LINKERD_INIT = { names: ['linkerd-init'], images: ['cr.l5d.io/linkerd/proxy-init:'] };
const ISTIO_PROXY = { names: ['istio-proxy'], images: ['gcr.io/istio-release/proxyv2:'] };
const ISTIO_INIT = { names: ['istio-init'], images: ['gcr.io/istio-release/proxy_init:'] };

export const CONTROL_PLANE_LABEL = 'linkerd.io/control-plane-component';

interface Container {
  readonly name: string | undefined;
  readonly image: string | undefined;
  readonly node: Node;
}

/** The containers of one list of a pod spec (`containers` or `initContainers`). */
function containersOf(doc: Document, podHost: Node, list: 'containers' | 'initContainers'): Container[] {
  const seq = nodeAt(doc, podHost, ['spec', list]);
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => ({ name: stringAt(doc, item as Node, ['name']), image: stringAt(doc, item as Node, ['image']), node: item as Node }));
}

type Pattern = { readonly names: readonly string[]; readonly images: readonly string[] };

/** The container that matches, by name first (the network validator also runs the proxy image). */
function find(containers: readonly Container[], pattern: Pattern): Container | undefined {
  return containers.find((c) => c.name !== undefined && pattern.names.includes(c.name)) ?? containers.find((c) => c.image !== undefined && pattern.images.some((p) => c.image!.startsWith(p)));
}

/** Why Linkerd would not inject this pod (in the order `linkerd inject` checks), or nothing. */
export function blockersOf(doc: Document, podHost: Node): Blocker[] {
  const blockers: Blocker[] = [];
  const component = stringAt(doc, podHost, ['metadata', 'labels', CONTROL_PLANE_LABEL]);
  if (component !== undefined) blockers.push({ kind: 'controlPlane', component });
  const hostNetwork = nodeAt(doc, podHost, ['spec', 'hostNetwork']);
  if (isScalar(hostNetwork) && hostNetwork.value === true) blockers.push({ kind: 'hostNetwork' });
  const inits = containersOf(doc, podHost, 'initContainers');
  const all = [...inits, ...containersOf(doc, podHost, 'containers')];
  const linkerd = find(all, LINKERD_PROXY) ?? find(inits, LINKERD_INIT);
  if (linkerd) blockers.push({ kind: 'manualProxy', container: linkerd.name ?? linkerd.image ?? PROXY_CONTAINER });
  const istio = find(all, ISTIO_PROXY) ?? find(inits, ISTIO_INIT);
  if (istio) blockers.push({ kind: 'otherSidecar', container: istio.name ?? istio.image ?? 'istio-proxy' });
  return blockers;
}

/** The container ports declared with `protocol: UDP`, as `53/UDP`. */
export function udpPortsOf(doc: Document, podHost: Node): string[] {
  const out: string[] = [];
  for (const c of containersOf(doc, podHost, 'containers')) {
    const ports = nodeAt(doc, c.node, ['ports']);
    if (!isSeq(ports)) continue;
    for (const p of ports.items) {
      if (stringAt(doc, p as Node, ['protocol']) === 'UDP') out.push(`${stringAt(doc, p as Node, ['containerPort']) ?? '?'}/UDP`);
    }
  }
  return out;
}
