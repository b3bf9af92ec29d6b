import type { ManifestDocument, ParsedManifest } from '../yaml/manifest';

/** One Kubernetes object found in a workspace file. */
export interface IndexedResource {
  readonly uri: string;
  readonly document: ManifestDocument;
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
}

/**
 * Every Kubernetes object in the workspace by file, so features can resolve objects across files
 * (a Namespace's inject annotation, a policy's references, a graph node's manifest).
 */
export class ResourceIndex {
  private readonly files = new Map<string, { parsed: ParsedManifest; resources: IndexedResource[] }>();

  setFile(uri: string, parsed: ParsedManifest): void {
    const resources: IndexedResource[] = [];
    for (const document of parsed.documents) {
      if (document.kind === undefined || document.apiVersion === undefined) continue;
      resources.push({ uri, document, kind: document.kind, apiVersion: document.apiVersion, name: document.name, namespace: document.namespace });
    }
    this.files.set(uri, { parsed, resources });
  }

  deleteFile(uri: string): boolean {
    return this.files.delete(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  parsed(uri: string): ParsedManifest | undefined {
    return this.files.get(uri)?.parsed;
  }

  *resources(): IterableIterator<IndexedResource> {
    for (const f of this.files.values()) yield* f.resources;
  }

  resourcesIn(uri: string): readonly IndexedResource[] {
    return this.files.get(uri)?.resources ?? [];
  }

  /** Objects of a kind with a name; a missing namespace matches any (callers that know the default pass it). */
  find(kind: string, name: string, namespace?: string): IndexedResource[] {
    const out: IndexedResource[] = [];
    for (const r of this.resources()) {
      if (r.kind === kind && r.name === name && (namespace === undefined || (r.namespace ?? 'default') === namespace)) out.push(r);
    }
    return out;
  }
}
