import { isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { LINKERD_PARENTS } from './accepted';
import { nodeAt, scalarText } from '../yaml/manifest';

/** Parent kinds Linkerd acts on when a Gateway API route names them. */
const PARENT_KINDS = new Set(LINKERD_PARENTS.map(([, kind]) => kind));

/**
 * Gateway API routes are linted only when they attach to something Linkerd serves (a Server, a Service or
 * an EgressNetwork): routes for other gateways are none of our business. Linkerd's own kinds always are.
 */
export function isLinkerdRelevant(doc: Document, group: string, spec: YAMLMap<Node, Node | null> | undefined): boolean {
  if (group !== 'gateway.networking.k8s.io') return true;
  const parents = nodeAt(doc, spec, ['parentRefs']);
  if (!isSeq(parents)) return false;
  return parents.items.some((p) => PARENT_KINDS.has(scalarText(nodeAt(doc, p as Node, ['kind'])) ?? ''));
}
