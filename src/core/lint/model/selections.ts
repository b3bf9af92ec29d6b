import { nodeAt } from '../../yaml/manifest';
import { readSelector, selects, type LabelSelector } from './selector';
import type { ModelObject } from './workspace';

/**
 * Which Server selects which workload in one namespace, computed once per change of the namespace rather
 * than once per pair of Servers: workloads are indexed by pod label, so a selector with matchLabels looks at
 * the workloads that carry its rarest label only. This keeps cross-object rules linear in the number of
 * Servers and workloads (2,000 of each lint in about the time it takes to parse them).
 */
export class NamespaceSelections {
  private readonly byLabel = new Map<string, ModelObject[]>();
  private readonly selected = new Map<ModelObject, ModelObject[]>();
  private selecting: Map<ModelObject, ModelObject[]> | undefined;

  constructor(
    private readonly workloads: readonly ModelObject[],
    private readonly servers: readonly ModelObject[],
  ) {
    for (const w of workloads) {
      for (const [k, v] of w.pod!.labels) {
        const key = `${k}\u0000${v}`;
        const list = this.byLabel.get(key);
        if (list) list.push(w);
        else this.byLabel.set(key, [w]);
      }
    }
  }

  /** The workloads whose pods a selector selects. */
  select(selector: LabelSelector): ModelObject[] {
    let candidates = this.workloads;
    for (const [k, v] of selector.matchLabels) {
      const list = this.byLabel.get(`${k}\u0000${v}`) ?? [];
      if (list.length < candidates.length) candidates = list;
    }
    return candidates.filter((w) => selects(selector, w.pod!.labels));
  }

  /** The workloads a Server's podSelector selects. */
  selectedBy(server: ModelObject): ModelObject[] {
    let list = this.selected.get(server);
    if (!list) {
      const selector = readSelector(server.doc, nodeAt(server.doc, server.root, ['spec', 'podSelector']));
      this.selected.set(server, (list = selector ? this.select(selector) : []));
    }
    return list;
  }

  /** The Servers of the namespace that select a workload, in the order the workspace lists them. */
  serversSelecting(workload: ModelObject): readonly ModelObject[] {
    if (!this.selecting) {
      this.selecting = new Map();
      for (const s of this.servers) {
        for (const w of this.selectedBy(s)) {
          const list = this.selecting.get(w);
          if (list) list.push(s);
          else this.selecting.set(w, [s]);
        }
      }
    }
    return this.selecting.get(workload) ?? [];
  }
}
