import { isScalar, type Document, type Node } from 'yaml';
import { nodeAt } from '../../yaml/manifest';
import { listAt, readRef, refIs } from '../read';

const POLICY = 'policy.linkerd.io';
import type { PodTemplate } from './podTemplate';
import type { ModelObject, WorkspaceModel } from './workspace';

/** A Server's port as Linkerd reads it: a number, or a name (a quoted number is a name too). */
export type ServerPort = { readonly number: number } | { readonly name: string };

export function serverPort(doc: Document, spec: Node | undefined): ServerPort | undefined {
  const port = nodeAt(doc, spec, ['port']);
  if (!isScalar(port)) return undefined;
  if (typeof port.value === 'number') return { number: port.value };
  return typeof port.value === 'string' ? { name: port.value } : undefined;
}

/** The workloads of a Server's namespace whose pods its podSelector selects (the Server as the model holds it). */
export function selectedWorkloads(workspace: WorkspaceModel, server: ModelObject | undefined): readonly ModelObject[] {
  return server ? workspace.selectionsIn(server.namespace).selectedBy(server) : [];
}

/**
 * Ports the injected proxy container declares (charts/partials/templates/_proxy.tpl, default port values):
 * a Server may name them although the manifest's own containers do not.
 */
const PROXY_PORTS: Readonly<Record<string, number>> = { 'linkerd-proxy': 4143, 'linkerd-admin': 4191 };

/**
 * The port numbers a Server port selects on one pod: a name resolves to every TCP container port of that
 * name, or to the proxy's own port of that name (Servers act only on meshed pods, which run the proxy).
 */
export function resolvePort(port: ServerPort, pod: PodTemplate): number[] {
  if ('number' in port) return [port.number];
  const declared = pod.ports.filter((p) => p.name === port.name && p.protocol.toUpperCase() === 'TCP').map((p) => p.port);
  return declared.length || !(port.name in PROXY_PORTS) ? declared : [PROXY_PORTS[port.name]];
}

export function serverSpec(o: ModelObject): Node | undefined {
  return nodeAt(o.doc, o.root, ['spec']);
}

/** Whether a route names the Server as a parent. */
export function attachesTo(route: ModelObject, server: string): boolean {
  const defaultGroup = route.group === POLICY ? POLICY : 'gateway.networking.k8s.io';
  return listAt(route.doc, route.root, ['spec', 'parentRefs']).some((n) => {
    const ref = readRef(route.doc, n);
    return refIs(ref, POLICY, 'Server', defaultGroup) && ref.name === server;
  });
}
