import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { mapAt, nodeAt, scalarText, valueNode } from '../../yaml/manifest';
import { stringMapAt } from '../read';

export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
  readonly node: Node;
}

export interface HttpProbe {
  readonly port: number | string;
  readonly path: string;
}

/** The parts of a pod (template) that policy and injection checks look at. */
export interface PodTemplate {
  /** Path from the document root to the object whose `metadata` becomes the pod's. */
  readonly hostPath: readonly string[];
  readonly labels: ReadonlyMap<string, string>;
  readonly annotations: YAMLMap<Node, Node | null> | undefined;
  /** One annotation's value node, as the API server receives the map (last duplicate, merges followed). */
  annotation(key: string): Node | undefined;
  readonly ports: readonly ContainerPort[];
  readonly probes: readonly HttpProbe[];
  readonly hostNetwork: Node | undefined;
}

/** The pod an object creates, read at `hostPath` (from the injection targets: the one table of pod-template paths). */
export function podTemplateOf(doc: Document, root: Node, hostPath: readonly string[]): PodTemplate | undefined {
  const host = hostPath.length ? mapAt(doc, root, hostPath) : isMap(root) ? root : undefined;
  if (!host) return undefined;
  const labels = stringMapAt(doc, host, ['metadata', 'labels']);
  const ports: ContainerPort[] = [];
  const probes: HttpProbe[] = [];
  for (const list of ['containers', 'initContainers']) {
    const containers = nodeAt(doc, host, ['spec', list]);
    if (!isSeq(containers)) continue;
    for (const c of containers.items) {
      collectPorts(doc, c as Node, ports);
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const port = scalarValue(nodeAt(doc, c as Node, [probe, 'httpGet', 'port']));
        if (port !== undefined) probes.push({ port, path: scalarText(nodeAt(doc, c as Node, [probe, 'httpGet', 'path'])) ?? '/' });
      }
    }
  }
  const hostNetwork = nodeAt(doc, host, ['spec', 'hostNetwork']);
  const annotations = mapAt(doc, host, ['metadata', 'annotations']);
  return {
    hostPath,
    labels,
    annotations,
    annotation: (key) => (annotations ? valueNode(doc, annotations, key) : undefined),
    ports,
    probes,
    hostNetwork: isScalar(hostNetwork) && hostNetwork.value === true ? hostNetwork : undefined,
  };
}

function collectPorts(doc: Document, container: Node, out: ContainerPort[]): void {
  const ports = nodeAt(doc, container, ['ports']);
  if (!isSeq(ports)) return;
  for (const p of ports.items) {
    const number = nodeAt(doc, p as Node, ['containerPort']);
    if (!isScalar(number) || typeof number.value !== 'number') continue;
    out.push({ name: scalarText(nodeAt(doc, p as Node, ['name'])), port: number.value, protocol: scalarText(nodeAt(doc, p as Node, ['protocol'])) ?? 'TCP', node: p as Node });
  }
}

function scalarValue(node: Node | undefined): number | string | undefined {
  if (!isScalar(node)) return undefined;
  return typeof node.value === 'number' || typeof node.value === 'string' ? node.value : undefined;
}
