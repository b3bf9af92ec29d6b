import { isMap, isScalar, type Node, type Pair, type YAMLSeq } from 'yaml';
import type { OffsetEdit } from '../text/types';
import { keyIs, stringAt } from '../yaml/manifest';
import { INJECT_ANNOTATION } from './annotation';
import { deleteEntries } from './deleteEntries';
import { InjectionEditError } from './editError';
import { editableChild, writtenPair, type EditContext, type MapNode } from './mapEdit';
import type { InjectionTarget } from './types';
import { PROXY_CONTAINER } from '../linkerd';

/**
 * What `linkerd uninject` takes out of a pod (linkerd2 `pkg/inject/uninject.go`, names from `pkg/k8s/labels.go`):
 * the proxy and proxy-init containers, the proxy's volumes, and every `linkerd.io/…` annotation and label of the
 * pod and its workload except an opt-out `linkerd.io/inject: disabled`. One addition: the CNI mode's
 * `linkerd-network-validator` init container (charts/partials/templates/_network-validator.tpl), which
 * uninject leaves behind although it checks for a redirect to the proxy that is gone and would fail.
 */
const INIT_CONTAINERS = ['linkerd-init', PROXY_CONTAINER, 'linkerd-network-validator'];
const CONTAINERS = [PROXY_CONTAINER];
const VOLUMES = ['linkerd-identity-end-entity', 'linkerd-proxy-init-xtables-lock', 'linkerd-identity-token'];
const PREFIX = 'linkerd.io';

export function uninjectEdits(ctx: EditContext, target: InjectionTarget, object: MapNode, host: MapNode): OffsetEdit[] {
  const where = target.podMetadataHost.join('.');
  const at = (key: string) => (where ? `${where}.${key}` : key);
  const spec = editableChild(ctx, host, 'spec', at('spec'));
  const edits: OffsetEdit[] = [];
  if (isMap(spec)) {
    const named = (names: string[]) => (item: unknown) => names.includes(stringAt(ctx.doc, item as Node, ['name']) ?? '');
    edits.push(...dropFromList(ctx, spec as MapNode, 'initContainers', at('spec.initContainers'), named(INIT_CONTAINERS)));
    edits.push(...dropFromList(ctx, spec as MapNode, 'containers', at('spec.containers'), named(CONTAINERS)));
    edits.push(...dropFromList(ctx, spec as MapNode, 'volumes', at('spec.volumes'), named(VOLUMES)));
  }
  for (const [meta, metaWhere] of host === object ? [[host, where]] as const : [[host, where], [object, '']] as const) {
    const metadata = editableChild(ctx, meta, 'metadata', metaWhere ? `${metaWhere}.metadata` : 'metadata');
    if (!isMap(metadata)) continue;
    const metaAt = (key: string) => (metaWhere ? `${metaWhere}.metadata.${key}` : `metadata.${key}`);
    edits.push(...dropFromMap(ctx, metadata as MapNode, 'annotations', metaAt('annotations'), (p) => linkerdKey(p) && !isOptOut(p)));
    edits.push(...dropFromMap(ctx, metadata as MapNode, 'labels', metaAt('labels'), linkerdKey));
  }
  if (!edits.length) throw new InjectionEditError(`${ctx.subject} has no injected Linkerd proxy to remove`, target.anchorStart);
  return edits;
}

function keyText(pair: Pair<unknown, unknown>): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function linkerdKey(pair: Pair<unknown, unknown>): boolean {
  return keyText(pair).startsWith(PREFIX);
}

function isOptOut(pair: Pair<unknown, unknown>): boolean {
  return keyText(pair) === INJECT_ANNOTATION && isScalar(pair.value) && pair.value.value === 'disabled';
}

function dropFromList(ctx: EditContext, owner: MapNode, key: string, where: string, doomed: (item: unknown) => boolean): OffsetEdit[] {
  const list = editableChild(ctx, owner, key, where);
  if (!list || isMap(list)) return [];
  return drop(ctx, owner, key, where, list as YAMLSeq, (list as YAMLSeq).items.filter(doomed) as Node[]);
}

function dropFromMap(ctx: EditContext, owner: MapNode, key: string, where: string, doomed: (pair: Pair<unknown, unknown>) => boolean): OffsetEdit[] {
  const map = editableChild(ctx, owner, key, where);
  if (!isMap(map)) return [];
  return drop(ctx, owner, key, where, map as MapNode, (map as MapNode).items.filter(doomed));
}

/** Deletes the doomed entries; when that empties the collection, its key goes with it. */
function drop(ctx: EditContext, owner: MapNode, key: string, where: string, collection: MapNode | YAMLSeq, doomed: readonly (Node | Pair<unknown, unknown>)[]): OffsetEdit[] {
  if (!doomed.length) return [];
  if (doomed.length < collection.items.length) return deleteEntries(ctx, collection, doomed);
  const pair = writtenPair(ctx, owner, key, where);
  return deleteEntries(ctx, owner, owner.items.filter((p) => p === pair || keyIs(p, key)));
}
