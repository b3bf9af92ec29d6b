import { isKubernetesObject, type ParsedManifest } from '../yaml/manifest';
import type { ClusterClient, KubeObject } from './client';
import { applyOrder } from './applyPreview';
import { ClusterError } from './errors';
import type { CallOptions } from './transport';
import { isCancelled } from '../cancel';
import { InputError, userMessageOf } from '../errors';

/** One object of a file and what the API server said about it. */
export interface ApplyOutcome {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly ok: boolean;
  readonly message: string;
}

/** The objects of a parsed manifest, as plain data; aliases are expanded with a bound so alias bombs are refused. */
export function objectsOf(parsed: ParsedManifest, onlyIndex?: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (const d of parsed.documents) {
    if (onlyIndex !== undefined && d.index !== onlyIndex) continue;
    if (d.errors.length) throw new InputError(`Document ${d.index + 1} has a YAML error: ${d.errors[0].message}`, 'Fix the YAML before applying.');
    if (!isKubernetesObject(d)) continue;
    out.push(d.doc.toJS({ maxAliasCount: 100 }) as KubeObject);
  }
  return out;
}

/**
 * Applies objects with server-side apply. With `dryRun`, the server validates and runs admission
 * (webhooks included) without persisting, which is what we show the user before the real apply.
 */
export async function applyObjects(client: ClusterClient, objects: readonly KubeObject[], options: { dryRun: boolean; defaultNamespace?: string; force?: boolean }, opts?: CallOptions): Promise<ApplyOutcome[]> {
  const outcomes: ApplyOutcome[] = [];
  // CRDs and Namespaces first, as kubectl does, so later objects in the same file can use them.
  const ordered = applyOrder(objects);
  const newNamespaces = new Set(objects.filter((o) => o.kind === 'Namespace' && o.metadata?.name).map((o) => o.metadata?.name));
  for (const obj of ordered) {
    const kind = obj.kind ?? '?';
    const name = obj.metadata?.name ?? '?';
    try {
      const result = await client.apply(obj, { dryRun: options.dryRun, defaultNamespace: options.defaultNamespace, force: options.force }, opts);
      outcomes.push({ kind, name, namespace: result.metadata?.namespace, ok: true, message: options.dryRun ? 'would be applied (server dry run)' : 'applied' });
    } catch (e) {
      if (isCancelled(e)) throw e;
      const namespace = obj.metadata?.namespace;
      // A dry run persists nothing, so objects in a namespace the same apply creates cannot be checked yet.
      if (options.dryRun && e instanceof ClusterError && e.kind === 'notFound' && namespace && newNamespaces.has(namespace)) {
        outcomes.push({ kind, name, namespace, ok: true, message: `not checked: its namespace "${namespace}" is created by this apply` });
        continue;
      }
      outcomes.push({ kind, name, namespace, ok: false, message: userMessageOf(e) });
    }
  }
  return outcomes;
}
