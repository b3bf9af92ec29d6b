import { parseAllDocuments } from 'yaml';
import { INJECT_ANNOTATION, type InjectionAction, type InjectionTarget, type NamespaceLookup } from '../../../src/core/inject';

type Obj = Record<string, unknown>;

/** A NamespaceLookup over a plain table of namespace → inject value. */
export function lookupFrom(table: Readonly<Record<string, string>>): NamespaceLookup {
  return (namespace) => (namespace in table ? { value: table[namespace] } : undefined);
}

/**
 * The objects a text holds, as plain data, with empty or null `metadata` and `annotations` maps dropped:
 * Kubernetes reads them as absent, so an edit may add or remove them.
 */
export function objectsOf(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => dropEmpty(d.toJS({ maxAliasCount: -1 })));
}

/** The objects of `input` as they should be after `action` on `target`, computed on plain data. */
export function expectedObjects(input: string, target: InjectionTarget, action: InjectionAction): unknown[] {
  const docs = parseAllDocuments(input).map((d) => d.toJS({ maxAliasCount: -1 }) as unknown);
  const root = [...target.objectPath].reduce<Obj>((o, key) => o[key] as Obj, docs[target.document.index] as Obj);
  const host = target.podMetadataHost.reduce<Obj>((o, key) => o[key] as Obj, root);
  if (action.kind === 'add' || action.kind === 'set') annotationsOf(host)[INJECT_ANNOTATION] = action.value;
  else if (action.kind === 'remove') delete annotationsOf(INJECT_ANNOTATION in annotationsOf(host) ? host : root)[INJECT_ANNOTATION];
  else if (action.kind === 'uninject') uninject(host, root);
  else {
    annotationsOf(host)[INJECT_ANNOTATION] = annotationsOf(root)[INJECT_ANNOTATION];
    delete annotationsOf(root)[INJECT_ANNOTATION];
  }
  return docs.map(dropEmpty);
}

/**
 * Linkerd's uninject on plain data, written from linkerd2 pkg/inject/uninject.go (plus the CNI network validator):
 * an oracle for the text edits, which never see this code.
 */
function uninject(host: Obj, root: Obj): void {
  const spec = (host.spec ?? {}) as Obj;
  const without = (key: string, names: string[]) => {
    if (!Array.isArray(spec[key])) return;
    spec[key] = (spec[key] as Obj[]).filter((c) => !names.includes(c.name as string));
    if ((spec[key] as Obj[]).length === 0) delete spec[key];
  };
  without('initContainers', ['linkerd-init', 'linkerd-proxy', 'linkerd-network-validator']);
  without('containers', ['linkerd-proxy']);
  without('volumes', ['linkerd-identity-end-entity', 'linkerd-proxy-init-xtables-lock', 'linkerd-identity-token']);
  for (const meta of new Set([host.metadata, root.metadata])) {
    if (!meta || typeof meta !== 'object') continue;
    const m = meta as Obj;
    for (const field of ['annotations', 'labels']) {
      const map = m[field] as Obj | undefined;
      if (!map) continue;
      for (const [k, v] of Object.entries(map)) if (k.startsWith('linkerd.io') && !(field === 'annotations' && k === INJECT_ANNOTATION && v === 'disabled')) delete map[k];
    }
  }
}

function annotationsOf(host: Obj): Obj {
  host.metadata ??= {};
  const metadata = host.metadata as Obj;
  metadata.annotations ??= {};
  return metadata.annotations as Obj;
}

function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (typeof value !== 'object' || value === null) return value;
  const out: Obj = {};
  for (const [key, v] of Object.entries(value)) {
    const cleaned = dropEmpty(v);
    const empty = cleaned === null || (typeof cleaned === 'object' && !Array.isArray(cleaned) && Object.keys(cleaned).length === 0);
    if ((key === 'metadata' || key === 'annotations' || key === 'labels') && empty) continue;
    out[key] = cleaned;
  }
  return out;
}
