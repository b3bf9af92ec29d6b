import type { Node } from 'yaml';
import type { Range } from '../../text/types';
import { nodeAt } from '../../yaml/manifest';
import { referencesOf, type PolicyReference } from './references';
import type { ModelObject, WorkspaceModel } from './workspace';

/**
 * Go to definition and find references for policy references, over the lint's workspace model: from a
 * reference to the object it names, and from an object's `metadata.name` (or any reference to it) to every
 * reference that names it. References are resolved exactly as MA301 resolves them (model/references.ts).
 */

/** A span of a workspace file. */
export interface Place {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly range: Range;
}

/** Which object a name means: what a reference resolves to, or an object's own identity. */
interface Key {
  readonly namespace: string;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

/** What is under the cursor: a reference to an object, or the `metadata.name` of one. */
interface Subject {
  readonly key: Key;
  readonly reference: boolean;
}

/** The objects a reference at `offset` names (the declaration of each, at its `metadata.name`). */
export function definitionsAt(workspace: WorkspaceModel, uri: string, offset: number): Place[] {
  const subject = subjectAt(workspace, uri, offset);
  if (!subject?.reference) return [];
  return workspace
    .list(subject.key.namespace, subject.key.group, subject.key.kind)
    .filter((o) => o.name === subject.key.name)
    .flatMap((o) => place(workspace, o.uri, nameNodeOf(o)));
}

/** Every reference to the object named at `offset` (its `metadata.name`, or a reference to it), in file order. */
export function referencesAt(workspace: WorkspaceModel, uri: string, offset: number, includeDeclaration: boolean): Place[] {
  const subject = subjectAt(workspace, uri, offset);
  if (!subject) return [];
  const { key } = subject;
  const out: Place[] = [];
  for (const o of workspace.objects()) {
    if (includeDeclaration && o.namespace === key.namespace && o.group === key.group && o.kind === key.kind && o.name === key.name) out.push(...place(workspace, o.uri, nameNodeOf(o)));
    for (const ref of referencesOf(o)) if (sameKey(ref, key)) out.push(...place(workspace, o.uri, ref.nameNode));
  }
  return out;
}

function subjectAt(workspace: WorkspaceModel, uri: string, offset: number): Subject | undefined {
  const o = workspace.objectsIn(uri).find((x) => contains(x.root, offset));
  if (!o) return undefined;
  const ref = referencesOf(o).find((r) => contains(r.nameNode, offset));
  if (ref) return { key: ref, reference: true };
  const own = nameNodeOf(o);
  if (o.name === undefined || !own || !contains(own, offset)) return undefined;
  return { key: { namespace: o.namespace, group: o.group, kind: o.kind, name: o.name }, reference: false };
}

function sameKey(ref: PolicyReference, key: Key): boolean {
  return ref.namespace === key.namespace && ref.group === key.group && ref.kind === key.kind && ref.name === key.name;
}

function nameNodeOf(o: ModelObject): Node | undefined {
  return nodeAt(o.doc, o.root, ['metadata', 'name']);
}

/** Inclusive of the end, so a cursor just after the last character of a name still counts. */
function contains(node: Node | undefined, offset: number): boolean {
  const r = node?.range;
  return !!r && r[0] <= offset && offset <= r[1];
}

function place(workspace: WorkspaceModel, uri: string, node: Node | undefined): Place[] {
  const r = node?.range;
  const lines = workspace.parsed(uri)?.lines;
  return r && lines ? [{ uri, start: r[0], end: r[1], range: lines.range(r[0], r[1]) }] : [];
}
