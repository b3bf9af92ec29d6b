import { isScalar, visit } from 'yaml';
import type { TextSource } from '../text/types';
import { isKubernetesObject, parseManifest } from '../yaml/manifest';

/**
 * The namespaces a change can affect: every namespace its objects live in, name (Namespace objects) or point
 * at (`namespace:` fields of references, the namespace part of mesh identities), before and after the change.
 * `unnamespaced` is set when one of its objects has no namespace: it is applied into whatever namespace the
 * user picks, so any other such file may be its neighbour.
 */
export interface ChangeScope {
  readonly namespaces: ReadonlySet<string>;
  readonly unnamespaced: boolean;
}

/** A mesh identity's namespace: `<serviceaccount>.<namespace>.serviceaccount.identity.<control plane>.<trust domain>`. */
const IDENTITY = /^[^.\s]+\.([a-z0-9-]+)\.serviceaccount\.identity\./;

/** What the changed files' texts (their new and their old versions) touch. */
export function changeScope(texts: readonly string[]): ChangeScope {
  const namespaces = new Set<string>();
  let unnamespaced = false;
  for (const text of texts) {
    for (const d of parseManifest(text).documents) {
      if (!isKubernetesObject(d)) continue;
      if (d.kind === 'Namespace' && d.name) namespaces.add(d.name);
      else if (d.namespace) namespaces.add(d.namespace);
      else unnamespaced = true;
      visit(d.doc, {
        Pair(_, pair) {
          if (isScalar(pair.key) && pair.key.value === 'namespace' && isScalar(pair.value) && typeof pair.value.value === 'string') namespaces.add(pair.value.value);
        },
        Scalar(_, scalar) {
          const identity = typeof scalar.value === 'string' ? IDENTITY.exec(scalar.value) : null;
          if (identity) namespaces.add(identity[1]);
        },
      });
    }
  }
  return { namespaces, unnamespaced };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The files that may share an object, or a reference, with the change: a cheap test on the text that keeps every
 * file naming one of the scope's namespaces as a word (and, when the change has namespace-less objects, every
 * file with no `namespace:` at all). It may keep a file that turns out unrelated; it never drops a related one.
 */
export function filesInScope<T extends TextSource>(files: readonly T[], scope: ChangeScope): T[] {
  const names = [...scope.namespaces].map(escape);
  const mentions = names.length ? new RegExp(`(^|[^a-z0-9-])(${names.join('|')})($|[^a-z0-9-])`, 'm') : undefined;
  return files.filter((f) => (mentions?.test(f.text) ?? false) || (scope.unnamespaced && !/^\s*namespace\s*:/m.test(f.text)));
}
