import { INJECT_ANNOTATION, type NamespaceLookup } from '../../core/inject';
import { stringAt } from '../../core/yaml/manifest';
import type { WorkspaceIndex } from '../workspaceIndex';

/** How the workspace's Namespace manifests set `linkerd.io/inject`, for "meshed via namespace". */
export function namespaceLookup(index: WorkspaceIndex): NamespaceLookup {
  return (namespace) => {
    for (const r of index.resources.find('Namespace', namespace)) {
      const value = stringAt(r.document.doc, r.document.doc.contents, ['metadata', 'annotations', INJECT_ANNOTATION]);
      if (value !== undefined) return { value };
    }
    return undefined;
  };
}
