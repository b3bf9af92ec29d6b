import { isCancelled } from '../cancel';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { plural } from '../text/plural';
import type { ClusterClient, KubeObject } from './client';
import { INJECT_ANNOTATION } from '../inject/annotation';
import { ClusterError } from './errors';
import type { WorkloadRef } from '../workloadKinds';
import type { CallOptions } from './transport';
import { isRestartable } from '../workloadKinds';

/** What applying one object would do, as the API server's dry run says. */
export type PreviewStatus = 'create' | 'change' | 'same' | 'reject';

/** One field the apply would set, change or remove, as a path such as `spec.template.metadata.annotations["linkerd.io/inject"]`. */
export interface FieldChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface ObjectPreview {
  readonly object: KubeObject;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly status: PreviewStatus;
  /** The object in the cluster before the apply (undefined when it does not exist). */
  readonly live?: KubeObject;
  /** The object as the server would store it: the dry run's answer (undefined when rejected or not checked). */
  readonly merged?: KubeObject;
  readonly changes: readonly FieldChange[];
  /** Why the server refused it, and what that means for the user (reject only). */
  readonly error?: string;
  readonly explanation?: string;
  /** Set when the server could not check it: its namespace is created by the same apply. */
  readonly unchecked?: string;
}

/**
 * The server-side diff of `kubectl diff --server-side`: each object read from the cluster ("live") and
 * dry-run applied with our field manager ("merged"), in the order kubectl applies them (CRDs, then Namespaces,
 * then the rest). kubernetes staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go (InfoObject.Live / Merged).
 */
export async function previewApply(client: ClusterClient, objects: readonly KubeObject[], opts?: CallOptions): Promise<ObjectPreview[]> {
  const out: ObjectPreview[] = [];
  const newNamespaces = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata?.name));
  for (const object of applyOrder(objects)) {
    const kind = object.kind ?? '?';
    const name = object.metadata?.name ?? '?';
    let namespace = object.metadata?.namespace;
    let live: KubeObject | undefined;
    try {
      const info = await client.resource(object.apiVersion ?? '', kind, opts).catch((e: unknown) => {
        if (e instanceof ClusterError && e.kind === 'notFound') throw new ClusterError('notFound', `The cluster does not serve ${kind} in ${object.apiVersion}.`, '', e.status, e.body);
        throw e;
      });
      namespace = info.namespaced ? (namespace ?? 'default') : undefined;
      live = await client.tryGet(object.apiVersion ?? '', kind, name, namespace, opts);
      const merged = await client.apply(object, { dryRun: true }, opts);
      const changes = live ? fieldChanges(live, merged) : [];
      out.push({ object, kind, name, namespace, live, merged, changes, status: !live ? 'create' : changes.length ? 'change' : 'same' });
    } catch (e) {
      if (isCancelled(e)) throw e;
      // A dry run persists nothing, so an object in a namespace this same apply creates cannot be checked yet.
      if (e instanceof ClusterError && e.kind === 'notFound' && namespace && newNamespaces.has(namespace) && !live) {
        out.push({ object, kind, name, namespace, status: 'create', changes: [], unchecked: `its namespace "${namespace}" is created by this apply` });
        continue;
      }
      const error = e instanceof ClusterError ? e.message : e instanceof Error ? e.message : String(e);
      out.push({ object, kind, name, namespace, live, status: 'reject', changes: [], error, explanation: explainRejection(e, object, live) });
    }
  }
  return out;
}

/** CRDs first, then Namespaces, then everything else, each group in file order: what kubectl apply does. */
export function applyOrder<T extends KubeObject>(objects: readonly T[]): T[] {
  const rank = (o: KubeObject) => (o.kind === 'CustomResourceDefinition' ? 0 : o.kind === 'Namespace' ? 1 : 2);
  return [...objects].sort((a, b) => rank(a) - rank(b));
}

/** Fields that change on every write or belong to the server, left out when deciding whether anything changes. */
const SERVER_FIELDS = new Set(['metadata.managedFields', 'metadata.resourceVersion', 'metadata.generation', 'metadata.creationTimestamp', 'metadata.uid', 'status']);

/** Leaf-level differences between two objects, server-owned bookkeeping left out. */
export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (SERVER_FIELDS.has(path)) return [];
  if (isDeepStrictEqual(before, after)) return [];
  const bothMaps = isMap(before) && isMap(after);
  const bothLists = Array.isArray(before) && Array.isArray(after);
  if (bothMaps) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => fieldChanges(before[k], after[k], join(path, k)));
  }
  // A map added or removed as a whole is listed by its leaves, as the fields a user wrote.
  if ((isMap(before) && after === undefined) || (before === undefined && isMap(after))) return fieldChanges(before ?? {}, after ?? {}, path);
  if (bothLists && before.length === after.length) return before.flatMap((b, i) => fieldChanges(b, after[i], `${path}[${i}]`));
  return [{ path, before, after }];
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

/** What a refusal means, and what the user can do; undefined when the API server's message says it all. */
export function explainRejection(e: unknown, object: KubeObject, live: KubeObject | undefined): string | undefined {
  if (!(e instanceof ClusterError)) return undefined;
  const message = `${e.message} ${e.body?.message ?? ''}`;
  const kind = object.kind ?? 'object';
  const selector = (o: KubeObject | undefined) => (o?.spec as { selector?: unknown } | undefined)?.selector;
  // Checked on the objects, not the message: a server-side apply reports the ownership conflict on the selector
  // first, and forcing it would only reach the immutability error.
  if (IMMUTABLE_SELECTOR.has(kind) && live && selector(object) !== undefined && !isDeepStrictEqual(selector(live), selector(object))) {
    return `A ${kind}'s selector cannot change once it exists. The cluster's ${kind} selects ${selectorText(selector(live))}; this file selects ${selectorText(selector(object))}. Keep the cluster's selector in the file, or delete the ${kind} and apply again (its pods are replaced).`;
  }
  if (e.kind === 'conflict' && /conflict/i.test(message)) {
    return 'Another field manager set these fields to other values. Change the file to match the cluster, or take the fields over (server-side apply with force, as kubectl apply --server-side --force-conflicts).';
  }
  if (e.kind === 'notFound' && /does not serve/.test(e.message)) {
    return /linkerd\.io/.test(object.apiVersion ?? '') ? "Its kind comes with Linkerd's CRDs: install Linkerd first." : 'Install the CRD that provides this kind first.';
  }
  if (e.kind === 'notFound' && object.metadata?.namespace) return `Namespace "${object.metadata.namespace}" may not exist yet: apply its Namespace first.`;
  return undefined;
}

/** Kinds whose spec.selector the API server refuses to change (kubernetes pkg/apis/apps/validation, pkg/apis/batch/validation). */
const IMMUTABLE_SELECTOR: ReadonlySet<string> = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job']);

function selectorText(selector: unknown): string {
  const labels = isMap(selector) && isMap(selector.matchLabels) ? Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${String(v)}`) : [];
  return labels.length ? labels.join(',') : JSON.stringify(selector ?? null);
}

/** The buttons of the apply dialog: only those that can do something for this preview. */
export type ApplyChoiceKind = 'apply' | 'saveAndApply' | 'applyPassing' | 'forceApply' | 'showDiff';

export interface ApplyChoice {
  readonly kind: ApplyChoiceKind;
  readonly title: string;
}

export interface ApplyDialog {
  readonly message: string;
  readonly detail: string;
  readonly severity: 'info' | 'error';
  readonly choices: readonly ApplyChoice[];
  /** The objects the primary choice applies. */
  readonly passing: readonly ObjectPreview[];
}

/** Objects listed one per line in the dialog; more are counted. */
const LISTED = 12;

/**
 * What the apply dialog says about a preview and which choices it offers: Apply (Save and Apply when the editor has
 * unsaved changes, so that what is applied is what is on disk), Apply the ones that pass, Force when only
 * ownership conflicts stand in the way, and Show Diff whenever there is something to compare.
 */
export function applyDialog(previews: readonly ObjectPreview[], context: string, dirty: boolean): ApplyDialog {
  const rejected = previews.filter((p) => p.status === 'reject');
  const passing = previews.filter((p) => p.status !== 'reject');
  const changing = passing.filter((p) => p.status !== 'same');
  const apply: ApplyChoice = dirty ? { kind: 'saveAndApply', title: 'Save and Apply' } : { kind: 'apply', title: 'Apply' };
  const diff: ApplyChoice[] = passing.length ? [{ kind: 'showDiff', title: 'Show Diff' }] : [];
  const counts = summaryCounts(previews);
  if (rejected.length) {
    const conflictsOnly = rejected.every((p) => p.explanation?.startsWith('Another field manager'));
    const choices: ApplyChoice[] = [
      ...(passing.length ? [{ kind: 'applyPassing' as const, title: `Apply the ${passing.length} That Pass` }] : []),
      ...(conflictsOnly ? [{ kind: 'forceApply' as const, title: 'Apply with Force' }] : []),
      ...diff,
    ];
    return {
      message: `The API server would reject ${rejected.length} of ${plural(previews.length, 'object')} on "${context}".`,
      detail: [counts, '', ...listed(previews), ...explanations(rejected)].join('\n'),
      severity: 'error',
      choices,
      passing,
    };
  }
  return {
    message: changing.length ? `Apply ${plural(previews.length, 'object')} to "${context}"?` : `Nothing would change on "${context}": the ${plural(previews.length, 'object')} match the cluster.`,
    detail: [`Server dry run passed (admission webhooks included). ${counts}`, '', ...listed(previews), '', 'Changes are made with server-side apply, field manager "meshaware".'].join('\n'),
    severity: 'info',
    choices: [apply, ...(changing.length ? diff : [])],
    passing,
  };
}

function summaryCounts(previews: readonly ObjectPreview[]): string {
  const n = (s: PreviewStatus) => previews.filter((p) => p.status === s).length;
  const parts = [n('create') && `${n('create')} to create`, n('change') && `${n('change')} to change`, n('same') && `${n('same')} unchanged`, n('reject') && `${n('reject')} rejected`];
  return `${parts.filter(Boolean).join(', ')}.`;
}

function listed(previews: readonly ObjectPreview[]): string[] {
  const lines = previews.slice(0, LISTED).map((p) => `${MARK[p.status]} ${objectLabel(p)}: ${statusText(p)}`);
  return previews.length > LISTED ? [...lines, `… and ${previews.length - LISTED} more (Show Diff has them all)`] : lines;
}

const MARK: Record<PreviewStatus, string> = { create: '+', change: '~', same: '=', reject: '✗' };

function statusText(p: ObjectPreview): string {
  switch (p.status) {
    case 'create':
      return p.unchecked ? `created (not checked: ${p.unchecked})` : 'created';
    case 'same':
      return 'unchanged';
    case 'reject':
      return p.error ?? 'rejected';
    case 'change': {
      const shown = p.changes.slice(0, 2).map((c) => c.path);
      return `${shown.join(', ')}${p.changes.length > 2 ? ` and ${p.changes.length - 2} more` : ''}`;
    }
  }
}

function explanations(rejected: readonly ObjectPreview[]): string[] {
  const unique = [...new Set(rejected.map((p) => p.explanation).filter((x): x is string => !!x))];
  return unique.length ? ['', ...unique] : [];
}

/** `deployment/web (emojivoto)`, as the dialog, the log and the diff headers name an object. */
export function objectLabel(p: Pick<ObjectPreview, 'kind' | 'name' | 'namespace'>): string {
  return `${p.kind.toLowerCase()}/${p.name}${p.namespace ? ` (${p.namespace})` : ''}`;
}

/**
 * The two sides of the diff as YAML documents in the same order, so a diff editor lines them up: what the
 * cluster has, and what it would have. managedFields are left out and Secret data masked, as kubectl diff does.
 */
export function diffDocuments(previews: readonly ObjectPreview[]): { live: string; merged: string } {
  const shown = previews.filter((p) => p.status !== 'reject');
  const merged = (p: ObjectPreview) => p.merged ?? (p.unchecked ? p.object : undefined);
  const side = (pick: (p: ObjectPreview) => KubeObject | undefined, other: (p: ObjectPreview) => KubeObject | undefined, mask: string, absent: string) =>
    shown.map((p) => `# ${objectLabel(p)}\n${render(p.kind, pick(p), other(p), mask, absent)}`).join('---\n');
  return {
    live: side((p) => p.live, merged, '*** (before)', '# (not in the cluster)\n'),
    merged: side(merged, (p) => p.live, '*** (after)', '# (not applied)\n'),
  };
}

function render(kind: string, object: KubeObject | undefined, other: KubeObject | undefined, changedMask: string, absent: string): string {
  if (!object) return absent;
  const { managedFields: _dropped, ...metadata } = (object.metadata ?? {}) as Record<string, unknown>;
  const cleaned: Record<string, unknown> = { ...object, metadata };
  const data = cleaned.data;
  if (kind === 'Secret' && isMap(data)) {
    // Masked, but a changed value stays visible as changed (kubectl diff's Masker).
    const otherData = isMap(other?.data) ? other.data : {};
    cleaned.data = Object.fromEntries(Object.keys(data).map((k) => [k, k in otherData && otherData[k] !== data[k] ? changedMask : '***']));
  }
  return stringify(cleaned, { lineWidth: 0 });
}

/**
 * What an apply sets going, for the editor to follow: workloads whose pod template is new or changed roll out new
 * pods; namespaces whose inject annotation changed do not touch their running pods, so their workloads need a restart.
 */
export function applyFollowUps(applied: readonly ObjectPreview[]): { rollouts: WorkloadRef[]; namespaces: string[] } {
  const rollouts = applied
    .filter((p) => isRestartable(p.kind) && (p.status === 'create' || p.changes.some((c) => c.path.startsWith('spec.template'))))
    .map((p) => ({ kind: p.kind, name: p.name, namespace: p.namespace ?? 'default' }));
  const injectPath = `metadata.annotations[${JSON.stringify(INJECT_ANNOTATION)}]`;
  const namespaces = applied.filter((p) => p.kind === 'Namespace' && p.status === 'change' && p.changes.some((c) => c.path === injectPath)).map((p) => p.name);
  return { rollouts, namespaces };
}
