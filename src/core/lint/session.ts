import { isMap, isScalar, visit, type Document } from 'yaml';
import { ResourceIndex } from '../workspace/resourceIndex';
import { parseManifest, type ParsedManifest } from '../yaml/manifest';
import { isLintable, lintFile } from './engine';
import { WorkspaceModel } from './model/workspace';
import type { Finding, LintOptions } from './types';

interface FileState {
  text: string;
  parsed: ParsedManifest | undefined;
  /** Namespaces whose objects this file's findings may depend on: its own and those it references. */
  touches: Set<string>;
  /** Findings of rules that read only this file, and of rules that read other files too; undefined when stale. */
  own: Finding[] | undefined;
  shared: Finding[] | undefined;
  findings: Finding[] | undefined;
}

/**
 * Incremental lint over a workspace: files are added, changed and removed one at a time, and each change
 * says which files need their findings recomputed. Cross-object rules only look within a namespace (or at
 * namespaces a reference names), so a change revalidates the files that share a namespace with it.
 */
export class LintSession {
  private readonly index = new ResourceIndex();
  private readonly model = new WorkspaceModel(this.index);
  private readonly files = new Map<string, FileState>();

  constructor(private options: LintOptions = {}) {}

  /** Changes the options (severity overrides, cluster settings); every file is revalidated. */
  setOptions(options: LintOptions): string[] {
    this.options = options;
    for (const f of this.files.values()) f.own = f.shared = f.findings = undefined;
    return [...this.files.keys()];
  }

  /**
   * Adds or replaces a file; returns every uri whose findings may have changed (the file itself included).
   * `parsed` passes a parse of the same text someone already made (the editor's workspace index).
   */
  setFile(uri: string, text: string, parsed?: ParsedManifest): string[] {
    const previous = this.files.get(uri);
    if (previous && previous.text === text) return [];
    const lintable = isLintable(text, this.options);
    if (lintable && parsed === undefined) parsed = parseManifest(text);
    else if (!lintable) parsed = undefined;
    if (parsed) this.index.setFile(uri, parsed);
    else this.index.deleteFile(uri);
    const changed = this.model.updateFile(uri);
    this.files.set(uri, { text, parsed, touches: parsed ? touchedNamespaces(parsed) : new Set(), own: undefined, shared: undefined, findings: undefined });
    return this.invalidate(uri, changed);
  }

  /** Removes a file; returns the uris whose findings may have changed (the removed one is no longer among them). */
  deleteFile(uri: string): string[] {
    if (!this.files.has(uri)) return [];
    this.index.deleteFile(uri);
    const changed = this.model.removeFile(uri);
    this.files.delete(uri);
    return this.invalidate(uri, changed).filter((u) => u !== uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** The text the file's findings were computed from (their offsets point into it). */
  text(uri: string): string | undefined {
    return this.files.get(uri)?.text;
  }

  /** The file's findings, computed now if a change made them stale (after another file's change, only the part that reads other files). */
  findings(uri: string): readonly Finding[] {
    const f = this.files.get(uri);
    if (!f) return [];
    if (!f.findings) {
      f.own ??= lintFile(uri, f.text, f.parsed, this.model, this.options, 'object');
      f.shared ??= lintFile(uri, f.text, f.parsed, this.model, this.options, 'workspace');
      f.findings = [...f.own, ...f.shared].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
    }
    return f.findings;
  }

  private invalidate(uri: string, namespaces: Set<string>): string[] {
    const affected = [uri];
    const self = this.files.get(uri);
    if (self) self.own = self.shared = self.findings = undefined;
    for (const [other, state] of this.files) {
      if (other === uri) continue;
      for (const ns of namespaces) {
        if (state.touches.has(ns)) {
          state.shared = state.findings = undefined;
          affected.push(other);
          break;
        }
      }
    }
    return affected;
  }
}

/** The namespaces a file's objects live in, plus every namespace named by a `namespace:` field in them. */
function touchedNamespaces(parsed: ParsedManifest): Set<string> {
  const out = new Set<string>();
  for (const d of parsed.documents) {
    if (!d.kind) continue;
    out.add(d.kind === 'Namespace' ? '' : (d.namespace ?? 'default'));
    // Workloads read their Namespace object (its inject annotation).
    out.add('');
    collectReferencedNamespaces(d.doc, out);
  }
  return out;
}

function collectReferencedNamespaces(doc: Document, out: Set<string>): void {
  const spec = isMap(doc.contents) ? doc.contents.get('spec', true) : undefined;
  if (!spec) return;
  visit(spec, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'namespace' && isScalar(pair.value) && typeof pair.value.value === 'string') out.add(pair.value.value);
    },
  });
}
